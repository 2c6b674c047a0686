"""The small corpus the report, export and compare tests share, and checks of what it holds.

A district plan (株洲市石峰区) with its indicator table, the city plan above it (株洲市) and three
yearly bulletins of the district, written here so each test knows exactly what is stored and
ingested through the real pipeline into a real SQLite file. Built to exercise:
- a binding indicator behind schedule (森林覆盖率 40 → 45, 41.3 in 2023: 滞后, 一级, veto);
- a county target above the city's (GDP 年均增长 7% vs 6.5%: 层层加码) and a ceiling below the
  city's (失业率 ≤5% vs ≤5.5%: also 层层加码), and one below (森林覆盖率 45% vs 48%: not).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from planwatch.model import DocumentMeta
from planwatch.store import Store

CHILD = "株洲市石峰区"
PARENT = "株洲市"
TITLE = "《株洲市石峰区“十四五”规划纲要实施情况评估报告》"

CHILD_PLAN = (
    "株洲市石峰区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要\n\n"
    "第一章 发展目标\n"
    "专栏1 石峰区“十四五”经济社会发展主要指标\n"
    "序号\t指标\t单位\t2020年\t2025年\t年均增长(%)\t属性\n"
    "1\t地区生产总值\t亿元\t300\t420\t7\t预期性\n"
    "2\t城镇调查失业率\t%\t5.5\t5以内\t\t预期性\n"
    "3\t森林覆盖率\t%\t40\t45\t\t约束性\n"
    "4\t每万人口高价值发明专利拥有量\t件\t2\t4\t\t预期性\n"
)
PARENT_PLAN = (
    "株洲市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要\n\n"
    "第一章 发展目标\n"
    "到2025年，全市森林覆盖率达到48%，城镇调查失业率控制在5.5%以内，地区生产总值年均增长6.5%。\n"
)
FIGURES = {  # year: (GDP 亿元, forest %, unemployment %, patents 件 or None)
    2021: ("322", "41", "5.2", None),
    2022: ("340", "41.2", "5.4", "3.2"),
    2023: ("360", "41.3", "5.3", "3.9"),
}


def bulletin(year: int) -> str:
    gdp, forest, jobless, patents = FIGURES[year]
    text = (f"石峰区{year}年国民经济和社会发展统计公报\n\n一、综合\n"
            f"{year}年，全区地区生产总值{gdp}亿元。森林覆盖率{forest}%。城镇调查失业率{jobless}%。")
    if patents:
        text += f"每万人口高价值发明专利拥有量{patents}件。"
    return text + "\n"


def documents() -> list[tuple[str, str, DocumentMeta]]:
    docs = [("shifeng_plan.txt", CHILD_PLAN, DocumentMeta(doc_type="plan", region=CHILD, period=(2021, 2025))),
            ("zhuzhou_plan.txt", PARENT_PLAN, DocumentMeta(doc_type="plan", region=PARENT, period=(2021, 2025)))]
    docs += [(f"shifeng_bulletin_{y}.txt", bulletin(y), DocumentMeta(doc_type="bulletin", region=CHILD,
                                                                     period=(y, y))) for y in FIGURES]
    return docs


def build_store(folder: Path) -> Path:
    """Write the documents into ``folder`` and ingest them into ``folder/report.db``."""
    db = folder / "report.db"
    with Store.open(db) as store:
        for name, text, meta in documents():
            path = folder / name
            path.write_text(text, encoding="utf-8")
            store.ingest([path], overrides=meta, progress=False)
    return db


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "planwatch", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=300)


def test_corpus_is_read_as_intended(tmp_path: Path) -> None:
    """The fixture's premises: the plan table's four rows and each bulletin's figures are read
    with their years, so the report tests test reporting, not extraction."""
    db = build_store(tmp_path)
    with Store.open(db) as store:
        observed = {(o.observation.indicator_id, o.observation.year): str(o.observation.value)
                    for o in store.observations(region=CHILD)}
        regions = {r.region for r in store.regions()}
    assert regions == {CHILD, PARENT}
    assert observed[("forest_coverage", 2023)] == "41.3"
    assert observed[("gdp", 2021)] == "322"
    assert observed[("high_value_invention_patents", 2022)] == "3.2"
    assert ("high_value_invention_patents", 2021) not in observed
