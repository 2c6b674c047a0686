"""Hand-built extractions for the store tests: every kind of item, with real spans."""

from __future__ import annotations

import hashlib
from decimal import Decimal

from planwatch.model import (
    Block,
    Cell,
    DocumentMeta,
    Extraction,
    GlossaryTerm,
    IndicatorRow,
    IndicatorTable,
    Observation,
    Project,
    Section,
    SourceText,
    Span,
    Target,
)

PLAN_TEXT = (
    "第一章 发展目标\n"
    "到2025年，地区生产总值达到1000.50亿元，年均增长6.5%左右。\n"
    "2020年全市地区生产总值816.4亿元。\n"
    "专栏1 主要指标\n"
    "地区生产总值\t亿元\t816.4\t1000.50\t预期性\n"
    "名词解释\n"
    "三高四新：三个高地、四新使命。\n"
    "重点项目：智慧城市一期工程。\n"
)


def span_of(text: str, needle: str) -> Span:
    start = text.index(needle)
    return Span(start, start + len(needle))


def sample_extraction(text: str = PLAN_TEXT, path: str = "/data/plan.txt",
                      region: str | None = "株洲市石峰区") -> Extraction:
    """An extraction of ``text`` with one of everything, all spans pointing at real words."""
    raw = text.encode("utf-8")
    line2 = span_of(text, "到2025年，地区生产总值达到1000.50亿元，年均增长6.5%左右。")
    table_line = span_of(text, "地区生产总值\t亿元\t816.4\t1000.50\t预期性")
    cells = tuple(Cell(part, span_of(text, part) if part != "地区生产总值" else Span(table_line.start,
                                                                                  table_line.start + 6))
                  for part in ("地区生产总值", "亿元"))
    source = SourceText(path=path, text=text, sha256=hashlib.sha256(raw).hexdigest(), encoding="utf-8",
                        format="text", size=len(raw),
                        blocks=(Block("heading", span_of(text, "第一章 发展目标")),
                                Block("paragraph", line2),
                                Block("table", table_line, rows=(cells,))))
    row = IndicatorRow(seq=1, name="地区生产总值", unit="亿元", attribute="expected", span=table_line,
                       category="经济发展", baseline=Decimal("816.4"), baseline_year=2020,
                       target=Decimal("1000.50"), target_text="1000.50", target_year=2025,
                       annual_growth=Decimal("6.5"), indicator_id="gdp")
    return Extraction(
        source=source,
        meta=DocumentMeta(doc_type="plan", region=region, period=(2021, 2025), title="十四五规划纲要",
                          region_code="430204" if region else None),
        sections=(Section("第一章 发展目标", 1, "chapter", Span(0, len(text)), span_of(text, "第一章 发展目标")),
                  Section("专栏1 主要指标", 2, "box", span_of(text, "专栏1 主要指标\n地区生产总值\t亿元\t816.4"),
                          None)),
        tables=(IndicatorTable("专栏1 主要指标", "plan_indicators", table_line, (row,)),),
        targets=(
            Target("地区生产总值", "level", "ge", Decimal("1000.50"), "亿元", 2025,
                   span_of(text, "地区生产总值达到1000.50亿元"), indicator_id="gdp"),
            Target("地区生产总值", "growth_avg", "approx", Decimal("6.5"), "%", 2025,
                   span_of(text, "年均增长6.5%左右"), low=Decimal("6.0"), high=Decimal("7.00"),
                   indicator_id="gdp_growth", period=(2021, 2025)),
        ),
        observations=(Observation("地区生产总值", "level", Decimal("816.4"), "亿元", 2020,
                                  span_of(text, "2020年全市地区生产总值816.4亿元"), indicator_id="gdp",
                                  estimated=True),),
        glossary=(GlossaryTerm("三高四新", "三个高地、四新使命。", span_of(text, "三高四新：三个高地、四新使命。")),),
        projects=(Project("智慧城市一期工程", span_of(text, "智慧城市一期工程"), section="重点项目"),),
    )
