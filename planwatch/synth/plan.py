"""A fictional region's five-year plan outline (规划纲要) with its targets as truth.

The plan reviews the previous period (the base year's actuals), sets its goals in a 发展目标
section in varied wordings, prints the main indicator table in one of several shapes (专栏1),
carries a 重点项目 box (专栏2) and ends with a 名词解释 glossary.
"""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

from planwatch.synth import filler, phrasing
from planwatch.synth.items import amount_metric, level_metric, observation, target
from planwatch.synth.paths import Track, quantize
from planwatch.synth.printing import Style, amount, pct, points, quoted, year
from planwatch.synth.regions import Region
from planwatch.synth.review import EMPTY, review_header, review_row
from planwatch.synth.specs import IndicatorSpec
from planwatch.synth.tables import header, mark_vanished_cells, render, row_cells
from planwatch.synth.textdoc import DocBuilder, SynthDoc, TableBlock

_CN_ORDINAL = "一二三四五六七八九十"
_ZHUANLAN_NUM = ("1", "一")
_GOAL_HEADS = ("{c}迈上新台阶。", "{c}取得新成效。", "{c}水平明显提升。", "{c}：", "在{c}方面，")
_SECTIONS = ("总体思路", "主要任务", "重点工程", "保障措施", "推进机制", "体制机制创新")


def compose_plan(region: Region, tracks: dict[str, Track], rng: random.Random, style: Style,
                 shape: str, period: tuple[int, int], web: bool, name: str) -> SynthDoc:
    """Compose the plan of ``region`` for ``period`` (e.g. 2021–2025)."""
    b = DocBuilder(**style.builder_options())
    y0, yt = period[0] - 1, period[1]
    if web:
        b.boiler(f"您现在所在的位置：首页 > 政务公开 > {region.name}人民政府 > 规划计划")
        b.boiler(f"发布时间：{period[0]}-0{rng.randint(3, 9)}-{rng.randint(10, 28)}  来源：{region.name}发展和改革局")
    title = (f"{region.full_name}国民经济和社会发展第十四个五年规划和"
             f"{year(2035, style)}年远景目标纲要")
    b.heading(title, 0)
    b.boiler(f"{region.name}人民政府")
    b.heading(f"第一章 开启全面建设社会主义现代化{region.short}新征程", 1)
    b.heading(f"第一节 {quoted('十三五', style)}时期发展成就", 2)
    _review(b, region, tracks, rng, style, y0)
    if rng.random() < 0.5:
        _review_table(b, region, tracks, rng, style, shape, y0)
    b.heading(f"第二节 {quoted('十四五', style)}时期发展环境", 2)
    b.paragraph([(filler.sentences(filler.OUTLOOK, rng, 3, region.scope), [])])
    b.heading(f"第二章 {quoted('十四五', style)}时期经济社会发展的总体要求", 1)
    b.heading("第一节 指导思想", 2)
    b.paragraph([(filler.sentences(filler.POLICY, rng, 3, region.scope), [])])
    b.heading("第二节 发展目标", 2)
    _goals(b, region, tracks, rng, style, y0, yt)
    _table(b, region, tracks, rng, style, shape, period)
    chapters = rng.sample(filler.CHAPTERS, 6)
    for k, (chapter, theme) in enumerate(chapters, start=3):
        b.heading(f"第{_CN_ORDINAL[k - 1]}章 {chapter}", 1)
        for j, section in enumerate(rng.sample(_SECTIONS, rng.randint(2, 3))):
            b.heading(f"第{_CN_ORDINAL[j]}节 {section}", 2)
            for _ in range(rng.randint(1, 2)):
                b.paragraph([(filler.sentences(filler.POLICY, rng, rng.randint(3, 5), region.scope), [])])
            if j == 0:
                _chapter_goal(b, theme, rng, style, yt, region)
        if k == 4:
            box = rng.choice(("专栏2 重点项目", "专栏2 “十四五”重大项目", "专栏2 重点工程"))
            b.heading(box, 3)
            lead = rng.choice(("", "", "{k}．", "（{c}）"))
            for k, project in enumerate(rng.sample(filler.PROJECTS, 5), start=1):
                item = {"kind": "project", "name": f"{region.short}{project}", "section": box, "_q": 0}
                number = lead.format(k=k, c=_CN_ORDINAL[k - 1])
                b.paragraph([(f"{number}«{region.short}{project}»", [item])])
    _glossary(b, rng)
    return b.build(name=name, doc_type="plan", region=region.full_name, parent=region.parent,
                   year=period[0], period=period, title=title, shape=shape)


def _review(b: DocBuilder, region: Region, tracks: dict[str, Track], rng: random.Random,
            style: Style, y0: int) -> None:
    parts: list[tuple[str, list[dict[str, Any]]]] = [
        (filler.sentences(filler.REVIEW, rng, 2, region.scope), []),
        (f"{year(y0, style)}年，", []),
    ]
    for key in ("gdp", "revenue", "retail"):
        t = tracks.get(key)
        if t is None or t.baseline is None or t.base_avg_growth is None:
            continue
        spec = t.spec
        name = rng.choice(spec.names)
        marked = rng.choice(phrasing.PERIOD_REVIEW).format(
            n=name, v=amount(t.baseline, spec.unit, style), g=pct(t.base_avg_growth, style))
        items = [observation(spec, "level", t.baseline, spec.unit, y0, name=name),
                 observation(spec, "growth_avg", t.base_avg_growth, "%", y0, name=name,
                             period=(y0 - 4, y0))]
        parts.append((marked + "；", items))
    for key in ("urbanization", "forest", "air"):
        t = tracks.get(key)
        if t is None or t.baseline is None or rng.random() < 0.4:
            continue
        spec = t.spec
        marked = rng.choice(phrasing.LEVEL_ACTUAL).format(
            n=spec.names[0], v=amount(t.baseline, spec.unit, style))
        parts.append((marked + "；", [observation(spec, level_metric(spec), t.baseline, spec.unit, y0)]))
    parts.append(("各项事业取得长足进步。", []))
    b.paragraph(parts)


def _goals(b: DocBuilder, region: Region, tracks: dict[str, Track], rng: random.Random,
           style: Style, y0: int, yt: int) -> None:
    """发展目标: per category a lead sentence, a year lead, then the goals in varied wording."""
    by_category: dict[str, list[Track]] = {}
    for t in tracks.values():
        by_category.setdefault(t.spec.category, []).append(t)
    period = (y0 + 1, yt)
    numbered = rng.random() < 0.35  # 1．经济发展迈上新台阶。… as a numbered list
    for k, (category, group) in enumerate(by_category.items(), start=1):
        head = rng.choice(_GOAL_HEADS).format(c=category)
        if numbered:
            head = rng.choice(("{k}．", "（{c}）", "{k}. ")).format(k=k, c=_CN_ORDINAL[k - 1]) + head
        parts: list[tuple[str, list[dict[str, Any]]]] = [(head, [])]
        lead = rng.choice(phrasing.YEAR_LEADS).format(Y=year(yt, style))
        parts.append((lead.replace("“十四五”", quoted("十四五", style)), []))
        clauses = _goal_clauses(group, rng, style, yt, period)
        if not clauses:
            continue
        for k, (marked, items) in enumerate(clauses):
            parts.append((marked + ("。" if k == len(clauses) - 1 else "，"), items))
        b.paragraph(parts)


def _goal_clauses(group: list[Track], rng: random.Random, style: Style, yt: int,
                  period: tuple[int, int]) -> list[tuple[str, list[dict[str, Any]]]]:
    out: list[tuple[str, list[dict[str, Any]]]] = []
    keys = {t.spec.key for t in group}
    paired = {"urban_income", "rural_income"} <= keys and rng.random() < 0.6
    for t in group:
        spec = t.spec
        if paired and spec.key == "rural_income":
            continue
        if paired and spec.key == "urban_income":
            rural = next(x for x in group if x.spec.key == "rural_income")
            assert t.target_growth is not None and rural.target_growth is not None
            marked = rng.choice(phrasing.PAIR_GROWTH_TARGET).format(
                g1=pct(t.target_growth, style, rng), g2=pct(rural.target_growth, style, rng))
            out.append((marked, [
                target(spec, "growth_avg", t.comparator, t.target_growth, "%", yt, period=period),
                target(rural.spec, "growth_avg", rural.comparator, rural.target_growth, "%", yt,
                       period=period)]))
            continue
        if rng.random() < 0.15:
            continue  # stated in the table only
        name = rng.choice(spec.names)
        if spec.kind == "qualitative":
            marked = rng.choice(phrasing.QUALITATIVE_TARGET).format(n=name, q=spec.qualitative_text)
            out.append((marked, [target(spec, "qualitative", None, None, None, yt, name=name,
                                        text=spec.qualitative_text)]))
        elif spec.kind in ("growth", "growth_only"):
            assert t.target_growth is not None
            marked = rng.choice(phrasing.GROWTH_AVG_TARGET[t.comparator]).format(
                n=name, g=pct(t.target_growth, style, rng))
            out.append((marked, [target(spec, "growth_avg", t.comparator, t.target_growth, "%", yt,
                                        name=name, period=period)]))
        else:
            out.append(_level_clause(t, name, rng, style, yt))
    return out


def _level_clause(t: Track, name: str, rng: random.Random, style: Style, yt: int
                  ) -> tuple[str, list[dict[str, Any]]]:
    spec = t.spec
    assert t.target is not None and t.baseline is not None
    if spec.unit == "%" and not t.lower and rng.random() < 0.2:  # 提高 X 个百分点
        change = t.target - t.baseline
        marked = rng.choice(phrasing.CHANGE_TARGET).format(n=name, v=points(change, style))
        return marked, [target(spec, "change_total", "eq", change, "个百分点", yt, name=name)]
    if spec.key == "energy" and rng.random() < 0.4:  # 累计下降 X%
        decline = ((1 - t.target / t.baseline) * 100).quantize(Decimal("0.1"))
        marked = rng.choice(phrasing.DECLINE_TARGET).format(n=name, v=pct(decline, style))
        return marked, [target(spec, "change_total", "eq", decline, "%", yt, name=name)]
    marked = rng.choice(phrasing.LEVEL_TARGET[t.comparator]).format(
        n=name, v=amount(t.target, spec.unit, style, rng))
    return marked, [target(spec, level_metric(spec), t.comparator, t.target, spec.unit, yt,
                           name=name)]


def _table(b: DocBuilder, region: Region, tracks: dict[str, Track], rng: random.Random,
           style: Style, shape: str, period: tuple[int, int]) -> None:
    with_unit = rng.random() < 0.6
    caption = f"专栏{rng.choice(_ZHUANLAN_NUM)} {region.name}{quoted('十四五', style)}经济社会发展主要指标"
    b.heading(caption, 3)
    rows: list[list[str]] = []
    truths: list[dict[str, Any]] = []
    last_category = None
    for seq, t in enumerate(tracks.values(), start=1):
        cells, truth = row_cells(seq, t, with_unit, rng, period, t.spec.category != last_category)
        last_category = t.spec.category
        rows.append(cells)
        truths.append(truth)
    for truth, cells in zip(truths, rows, strict=True):
        truth["ambiguous"] = False
        if shape in ("flattened", "aligned"):  # blank cells: no column to read them by
            mark_vanished_cells(truth, cells[-4:-1])
    head = header(with_unit, period)
    text, spans = render(shape, head, rows, rng)
    table = TableBlock(caption, head, rows)
    b.table(table, text, spans, {"title": caption, "kind": "plan_indicators", "shape": shape},
            truths)


def _chapter_goal(b: DocBuilder, theme: str, rng: random.Random, style: Style, yt: int,
                  region: Region) -> None:
    """A goal of the chapter's own (到2025年，高新技术企业达到120家以上), outside the table."""
    goals = [g for g in filler.LOCAL_GOALS if g[5] == theme]
    if not goals or rng.random() < 0.3:
        return
    name, iid, unit, (lo, hi), decimals, _ = rng.choice(goals)
    value = quantize(rng.uniform(lo, hi), decimals)
    comparator = rng.choice(("eq", "ge", "ge", "approx"))
    spec = IndicatorSpec(name, iid or "", (name,), unit, "level", "")
    marked = rng.choice(phrasing.LEVEL_TARGET[comparator]).format(n=name, v=amount(value, unit, style))
    item = target(spec, amount_metric(unit, name), comparator, value, unit, yt)
    item["indicator_id"] = iid
    lead = rng.choice(phrasing.YEAR_LEADS).format(Y=year(yt, style))
    b.paragraph([(f"{lead}{marked}。", [item])])


def _review_table(b: DocBuilder, region: Region, tracks: dict[str, Track], rng: random.Random,
                  style: Style, shape: str, y0: int) -> None:
    """表1-1: how the previous plan's indicators ended (完成情况)."""
    with_unit = rng.random() < 0.6
    empty = rng.choice(EMPTY)
    caption = f"表1-1 {region.name}{quoted('十三五', style)}规划主要指标完成情况"
    b.heading(caption, 3)
    rows: list[list[str]] = []
    truths: list[dict[str, Any]] = []
    last_category = None
    for seq, t in enumerate(tracks.values(), start=1):
        cells, truth = review_row(seq, t, rng, with_unit, t.spec.category != last_category, empty)
        last_category = t.spec.category
        rows.append(cells)
        truths.append(truth)
    head = review_header(y0, with_unit)
    text, spans = render(shape, head, rows, rng)
    b.table(TableBlock(caption, head, rows), text, spans,
            {"title": caption, "kind": "completion_review", "shape": shape}, truths)


def _glossary(b: DocBuilder, rng: random.Random) -> None:
    b.heading("名词解释", 1)
    numbering = rng.choice(("{k}．", "{k}.", "", "（{c}）"))
    for k, (term, definition) in enumerate(rng.sample(filler.GLOSSARY, rng.randint(3, 5)), start=1):
        lead = numbering.format(k=k, c=_CN_ORDINAL[k - 1])
        item = {"kind": "glossary", "term": term, "definition": definition, "_q": 0}
        b.paragraph([(f"{lead}«{term}：{definition}»。", [item])])
