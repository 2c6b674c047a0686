"""Indicator tables in every shape: flattened scrape, aligned text, real HTML/DOCX tables."""

from __future__ import annotations

import dataclasses
import importlib.util
import json
from decimal import Decimal
from pathlib import Path

import pytest

from planwatch.extract.row_fields import RowContext, read_row
from planwatch.extract.tables import extract_tables
from planwatch.ingest.reader import read_document
from planwatch.link.catalogue import default_catalogue
from planwatch.model import IndicatorTable, SourceText
from planwatch.parse.structure import parse_sections
from planwatch.parse.table_header import read_header
from planwatch.parse.table_parts import Token, classify_cell, split_name_unit
from tests.conftest import assert_span_text

DOC_004 = "004_8ea32ed0690f39a6"


def _tables_of(path: Path) -> tuple[SourceText, list[IndicatorTable]]:
    source = read_document(path)
    return source, extract_tables(source, parse_sections(source.text), default_catalogue())


def _as_json(table: IndicatorTable) -> dict:
    return json.loads(json.dumps(dataclasses.asdict(table), default=lambda o: float(o)))


def _scorer(corpus_dir: Path):
    spec = importlib.util.spec_from_file_location("pw_score", corpus_dir.parent / "tools" / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ---------------------------------------------------------------- the flattened tables of 004
@pytest.fixture(scope="module")
def tables_004(corpus_dir: Path) -> tuple[SourceText, list[IndicatorTable]]:
    return _tables_of(corpus_dir / f"{DOC_004}.txt")


def test_004_tables_kinds_and_titles(tables_004, gold) -> None:
    _, tables = tables_004
    want = [(t["title"], t["kind"], len(t["rows"])) for t in gold[DOC_004]["indicator_tables"]]
    assert [(t.title, t.kind, len(t.rows)) for t in tables] == want


def test_004_rows_match_gold(tables_004, gold, corpus_dir: Path) -> None:
    score = _scorer(corpus_dir)
    _, tables = tables_004
    result = score.score_tables(gold[DOC_004]["indicator_tables"], [_as_json(t) for t in tables])
    assert result["rows_gold"] == 53
    assert result["wrong"] == []
    assert result["rows_right"] == 53


def test_004_real_values_and_readings(tables_004) -> None:
    _, (review, plan) = tables_004
    by_seq = {r.seq: r for r in review.rows}
    gdp = by_seq[1]
    assert (gdp.target, gdp.target_growth, gdp.actual, gdp.actual_growth, gdp.actual_avg_growth, gdp.gap) == (
        Decimal("351.7"), Decimal("8.5"), Decimal("302.9"), Decimal("4.3"), Decimal("7.5"), Decimal("-1"))
    assert gdp.indicator_id == "gdp" and gdp.unit == "亿元" and gdp.category == "经济建设"
    # a lone planned growth and two realised growths; the status word sat in the gap column
    first = by_seq[2]
    assert (first.target, first.target_growth, first.actual_growth, first.actual_avg_growth) == (
        None, Decimal("3"), Decimal("5.4"), Decimal("4"))
    assert first.status_text == "超额完成" and first.gap is None
    # a level (万人) read as level because realised − planned = printed gap for the levels
    assert (by_seq[18].target, by_seq[18].actual, by_seq[18].gap) == (Decimal("5"), Decimal("3.5"), Decimal("-1.5"))
    assert by_seq[6].target_text == "15:49:36" and by_seq[6].actual_text == "16.6:34.3:49.1"
    assert by_seq[20].actual_text == "完成省定目标" and by_seq[20].attribute == "binding"
    assert by_seq[14].target_text == "45以上" and by_seq[14].target == Decimal("45")
    plan_rows = {r.seq: r for r in plan.rows}
    assert plan_rows[19].target is None and plan_rows[19].target_text == "完成省定目标任务"
    assert plan_rows[13].target_text == "5.0" and plan_rows[13].attribute == "binding"
    assert {r.category for r in plan.rows} == {"经济发展", "创新驱动", "民生福祉", "绿色转型", "安全保障"}
    assert all(r.baseline_year == 2020 and r.target_year == 2025 for r in plan.rows)
    assert plan_rows[25].unit is None and plan_rows[25].indicator_id == "work_safety_death_rate"
    assert sum(r.indicator_id is not None for r in (*review.rows, *plan.rows)) == 53


def test_004_spans_cover_rows_and_tables(tables_004) -> None:
    source, (review, plan) = tables_004
    text = source.text
    assert text[review.span.start:].startswith("1-1涟源市十三五")
    assert review.span.of(text).endswith("超额完成")
    assert plan.span.of(text).endswith("7.7")
    for table in (review, plan):
        for row in table.rows:
            printed = row.span.of(text)
            assert printed.startswith(str(row.seq)), printed[:20]
            assert row.name in printed
            assert table.span.start <= row.span.start < row.span.end <= table.span.end
    gdp = review.rows[0]
    cells = ["1", "地区生产总值(亿元)", "351.7", "8.5", "预期性", "302.9", "4.3", "7.5", "-1"]
    assert_span_text(text, gdp.span, "\n\n".join(cells))


def test_documents_without_tables_give_none(corpus_dir: Path) -> None:
    # 002 lost its two tables in the scrape (only the captions remain): nothing to invent
    for name in ("000_6d30eace15c0d417", "001_7fe41e660d4411f9", "002_7639c02c9fdb3ff9", "003_74ac3f1fef55bdd1"):
        _, tables = _tables_of(corpus_dir / f"{name}.txt")
        assert tables == [], name


# ---------------------------------------------------------------- other shapes
FLAT_OTHER_ORDER = """附表  某市“十四五”经济社会发展主要指标

序号

指标

2025年目标

单位

1

地区生产总值

800

亿元

2

研发经费投入强度

2.5

%

3

单位GDP能耗

完成省下达任务

4

森林覆盖率

—

%

第一章 发展基础
"""


def test_flattened_table_with_other_columns(tmp_path: Path) -> None:
    """No attribute, no growth, no baseline; the unit is a column after the target."""
    path = tmp_path / "plan.txt"
    path.write_text(FLAT_OTHER_ORDER, encoding="utf-8")
    source, tables = _tables_of(path)
    assert len(tables) == 1
    table = tables[0]
    assert table.title == "某市“十四五”经济社会发展主要指标" and table.kind == "plan_indicators"
    rows = [(r.seq, r.name, r.unit, r.target, r.target_text, r.target_year, r.attribute, r.indicator_id)
            for r in table.rows]
    assert rows == [
        (1, "地区生产总值", "亿元", Decimal("800"), "800", 2025, None, "gdp"),
        (2, "研发经费投入强度", "%", Decimal("2.5"), "2.5", 2025, None, "rd_intensity"),
        (3, "单位GDP能耗", None, None, "完成省下达任务", 2025, None, "energy_intensity"),
        (4, "森林覆盖率", "%", None, None, 2025, None, "forest_coverage"),
    ]
    assert "第一章" not in table.span.of(source.text)


ALIGNED_REVIEW = """二、“十三五”规划主要指标完成情况
表2  某区“十三五”规划主要指标完成情况
序号    指标名称            单位      2020年目标    2020年实际    年均增长(%)    完成情况
1       地区生产总值        亿元      500           480           8.0            未完成
2       城镇登记失业率      %         4.5以内       3.9                          完成
3       一般公共预算收入    亿元      30            31.2          9.1            超额完成
过去五年,我们坚持稳中求进。
"""


def test_aligned_text_review_table(tmp_path: Path) -> None:
    path = tmp_path / "review.txt"
    path.write_text(ALIGNED_REVIEW, encoding="utf-8")
    source, tables = _tables_of(path)
    assert len(tables) == 1
    table = tables[0]
    assert table.kind == "completion_review" and table.title == "某区“十三五”规划主要指标完成情况"
    r1, r2, r3 = table.rows
    assert (r1.name, r1.unit, r1.target, r1.actual, r1.actual_avg_growth, r1.status_text) == (
        "地区生产总值", "亿元", Decimal("500"), Decimal("480"), Decimal("8.0"), "未完成")
    assert (r2.target, r2.target_text, r2.actual, r2.actual_avg_growth, r2.status_text) == (
        Decimal("4.5"), "4.5以内", Decimal("3.9"), None, "完成")
    assert r2.indicator_id == "registered_unemployment_rate"
    assert r3.indicator_id == "general_budget_revenue" and r3.status_text == "超额完成"
    assert_span_text(source.text, r3.span, "3       一般公共预算收入    亿元      30            31.2          9.1"
                                            "            超额完成")
    assert "过去五年" not in table.span.of(source.text)


HTML_TABLE = """<html><body><h1>某县国民经济和社会发展第十四个五年规划纲要</h1>
<p>表1 某县“十四五”经济社会发展主要指标</p>
<table border="1">
<tr><th rowspan="2">类别</th><th rowspan="2">序号</th><th rowspan="2">指标</th><th rowspan="2">单位</th>
    <th colspan="2">发展目标</th><th rowspan="2">年均增长(%)</th><th rowspan="2">属性</th></tr>
<tr><th>2020年</th><th>2025年</th></tr>
<tr><td rowspan="2">经济发展</td><td>1</td><td>地区生产总值</td><td>亿元</td><td>302.9</td><td>435</td>
    <td>7.5</td><td>预期性</td></tr>
<tr><td>2</td><td>常住人口城镇化率</td><td>%</td><td>45</td><td></td><td>1</td><td>预期性</td></tr>
<tr><td>绿色生态</td><td>3</td><td>单位GDP能耗降低</td><td>%</td><td></td><td>完成市下达任务</td><td></td>
    <td>约束性</td></tr>
</table><p>第三章 产业</p></body></html>
"""


def test_real_html_table_is_read_on_its_grid(tmp_path: Path) -> None:
    path = tmp_path / "plan.html"
    path.write_text(HTML_TABLE, encoding="utf-8")
    source, tables = _tables_of(path)
    assert any(b.kind == "table" for b in source.blocks)
    assert len(tables) == 1  # the tab-separated rendering of the block is not read twice
    table = tables[0]
    assert table.title == "某县“十四五”经济社会发展主要指标" and table.kind == "plan_indicators"
    gdp, urban, energy = table.rows
    assert (gdp.baseline, gdp.target, gdp.annual_growth, gdp.baseline_year, gdp.target_year) == (
        Decimal("302.9"), Decimal("435"), Decimal("7.5"), 2020, 2025)
    # the empty 2025 cell stays empty on a grid: 1 is the growth, not the target
    assert (urban.baseline, urban.target, urban.annual_growth, urban.category) == (
        Decimal("45"), None, Decimal("1"), "经济发展")
    assert (energy.target, energy.target_text, energy.attribute, energy.category) == (
        None, "完成市下达任务", "binding", "绿色生态")
    assert [r.indicator_id for r in table.rows] == ["gdp", "urbanization_rate", "energy_intensity"]
    assert "地区生产总值" in gdp.span.of(source.text)


def test_real_docx_table(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    doc = docx.Document()
    doc.add_paragraph("表3 “十三五”主要指标完成情况")
    rows = [["序号", "指标", "单位", "规划目标", "2020年完成", "完成情况"],
            ["1", "森林覆盖率", "%", "60", "61.2", "超额完成"],
            ["2", "城镇调查失业率", "%", "5.5", "", "—"]]
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    path = tmp_path / "review.docx"
    doc.save(path)
    _, tables = _tables_of(path)
    assert len(tables) == 1 and tables[0].kind == "completion_review"
    forest, unemployment = tables[0].rows
    assert (forest.target, forest.actual, forest.status_text, forest.indicator_id) == (
        Decimal("60"), Decimal("61.2"), "超额完成", "forest_coverage")
    assert (unemployment.target, unemployment.actual, unemployment.status_text) == (Decimal("5.5"), None, None)


# ---------------------------------------------------------------- the pieces
@pytest.mark.parametrize(("cell", "name", "unit"), [
    ("地区生产总值(亿元)", "地区生产总值", "亿元"),
    ("城镇化率(%", "城镇化率", "%"),
    ("其中:工业增加值(亿元)", "工业增加值", "亿元"),
    ("每千人口拥有执业(助理)医师数(人)", "每千人口拥有执业(助理)医师数", "人"),
    ("细颗粒物(PM2.5)浓度", "细颗粒物(PM2.5)浓度", None),
    ("亿元GDP生产安全事故死亡率", "亿元GDP生产安全事故死亡率", None),
    ("PM2.5浓度（微克/立方米）", "PM2.5浓度", "微克/立方米"),
])
def test_split_name_unit(cell: str, name: str, unit: str | None) -> None:
    assert split_name_unit(cell) == (name, unit)


@pytest.mark.parametrize(("cell", "kind", "value"), [
    ("351.7", "num", Decimal("351.7")), ("-2.5", "num", Decimal("-2.5")), ("45以上", "num", Decimal("45")),
    ("1,234.5", "num", Decimal("1234.5")), ("15:49:36", "ratio", None), ("预期性", "attr", None),
    ("超额完成", "status", None), ("完成省定目标任务", "qual", None), ("—", "empty", None),
    ("地表水达到或优于类水体比例(%", "text", None), ("完成造林面积", "text", None),
])
def test_classify_cell(cell: str, kind: str, value: Decimal | None) -> None:
    from planwatch.model import Span
    token = classify_cell(cell, Span(0, len(cell)))
    assert (token.kind, token.value) == (kind, value)


def test_header_of_a_flattened_review_drops_group_cells() -> None:
    cells = ["类别", "序号", "指 标", "十三五规划目标", "完成情况分析", "预期目标", "年均增长(%", "属性",
             "2020年总量", "2020年增速(%", "五年平均增速(%", "与规划目标差距(%"]
    reading = read_header(cells, "涟源市十三五经济社会发展主要指标完成情况")
    assert reading.kind == "completion_review"
    assert reading.fields == ("category", "seq", "name", "target", "target_growth", "attribute", "actual",
                              "actual_growth", "actual_avg_growth", "gap")


def test_header_of_a_grid_uses_group_for_growth_side() -> None:
    leaves = ["指标", "目标值", "年均增长", "总量", "年均增长", "评价"]
    groups = ["", "规划目标", "规划目标", "实际完成", "实际完成", ""]
    reading = read_header(leaves, None, groups, drop_groups=False)
    assert reading.fields == ("name", "target", "target_growth", "actual", "actual_avg_growth", "status")


def test_gap_arithmetic_decides_growth_or_level() -> None:
    from planwatch.model import Span

    def tok(text: str) -> Token:
        return classify_cell(text, Span(0, 1))

    columns = ["target", "target_growth", "attribute", "actual", "actual_growth", "actual_avg_growth", "gap"]
    growth = read_row(columns, [tok("9"), tok("预期性"), tok("5.1"), tok("6.7"), tok("-2.3")],
                      RowContext("completion_review", "亿元", "第二产业增加值"))
    assert {f: t.text for f, t in growth.fields.items()} == {
        "target_growth": "9", "attribute": "预期性", "actual_growth": "5.1", "actual_avg_growth": "6.7", "gap": "-2.3"}
    level = read_row(columns, [tok("45"), tok("约束性"), tok("43.72"), tok("-1.28")],
                     RowContext("completion_review", "%", "森林覆盖率"))
    assert {f: t.text for f, t in level.fields.items()} == {
        "target": "45", "attribute": "约束性", "actual": "43.72", "gap": "-1.28"}


FLAT_NO_SEQ_WRAPPED = """某县“十四五”时期经济社会发展主要指标

领域

指标名称

属性

2020年

2025年

年均增长

经济发展

地区生产总值(亿元)

预期性

120.5

170

7

社会民生

每千人口拥有3岁以下婴幼儿

托位数(个)

预期性

1.2

4.5

城镇调查失业率(%)

约束性

5.5

注:

生态环境

森林覆盖率(%)

约束性

60.2

61

过去五年,全县上下团结一心。
"""


def test_flattened_table_without_seq_and_with_wrapped_name(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(FLAT_NO_SEQ_WRAPPED, encoding="utf-8")
    _, tables = _tables_of(path)
    assert len(tables) == 1
    rows = [(r.seq, r.category, r.name, r.unit, r.attribute, r.baseline, r.target, r.annual_growth)
            for r in tables[0].rows]
    assert rows[0] == (None, "经济发展", "地区生产总值", "亿元", "expected", Decimal("120.5"), Decimal("170"),
                       Decimal("7"))
    assert rows[1] == (None, "社会民生", "每千人口拥有3岁以下婴幼儿托位数", "个", "expected", Decimal("1.2"),
                       Decimal("4.5"), None)
    assert rows[2][2:6] == ("城镇调查失业率", "%", "binding", None)  # one value alone: the target
    assert tables[0].rows[2].target == Decimal("5.5")
    assert rows[-1] == (None, "生态环境", "森林覆盖率", "%", "binding", Decimal("60.2"), Decimal("61"), None)
    assert tables[0].rows[1].indicator_id == "childcare_places_per_1000"


def test_markdown_pipe_table_with_base_and_target_value_headers(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    path.write_text(
        "# 某区“十四五”规划纲要\n\n表1 主要指标\n\n"
        "| 序号 | 指标 | 单位 | 2020年基期值 | 2025年目标值 | 年均增长(%) | 属性 |\n"
        "| --- | --- | --- | --- | --- | --- | --- |\n"
        "| 1 | 地区生产总值 | 亿元 | 500 | 735 | 8 | 预期性 |\n"
        "| 2 | 森林覆盖率 | % | 60 | 61 |  | 约束性 |\n", encoding="utf-8")
    _, tables = _tables_of(path)
    assert [(t.title, t.kind) for t in tables] == [("主要指标", "plan_indicators")]
    gdp, forest = tables[0].rows
    assert (gdp.baseline, gdp.target, gdp.annual_growth, gdp.unit) == (Decimal("500"), Decimal("735"), Decimal("8"),
                                                                        "亿元")
    assert (forest.baseline, forest.target, forest.annual_growth, forest.attribute) == (
        Decimal("60"), Decimal("61"), None, "binding")


def test_html_review_with_two_header_rows(tmp_path: Path) -> None:
    """Group cells (规划目标, 实际完成) decide which 年均增长 is planned and which realised."""
    path = tmp_path / "review.html"
    path.write_text(
        "<html><body><p>“十三五”规划主要指标实现情况</p><table>"
        "<tr><td rowspan='2'>指标</td><td colspan='2'>规划目标</td><td colspan='3'>实际完成</td>"
        "<td rowspan='2'>评价</td></tr>"
        "<tr><td>2020年</td><td>年均增长(%)</td><td>2020年</td><td>2020年增长(%)</td><td>年均增长(%)</td></tr>"
        "<tr><td>地区生产总值(亿元)</td><td>600</td><td>8</td><td>560</td><td>4.1</td><td>6.5</td><td>未完成</td></tr>"
        "<tr><td>城镇登记失业率(%)</td><td>4.5</td><td></td><td>3.8</td><td></td><td></td><td>完成</td></tr>"
        "</table></body></html>", encoding="utf-8")
    _, tables = _tables_of(path)
    assert [(t.title, t.kind) for t in tables] == [("“十三五”规划主要指标实现情况", "completion_review")]
    gdp, jobless = tables[0].rows
    assert (gdp.target, gdp.target_growth, gdp.actual, gdp.actual_growth, gdp.actual_avg_growth, gdp.status_text) == (
        Decimal("600"), Decimal("8"), Decimal("560"), Decimal("4.1"), Decimal("6.5"), "未完成")
    assert (jobless.target, jobless.actual, jobless.status_text, jobless.target_growth) == (
        Decimal("4.5"), Decimal("3.8"), "完成", None)


NATIONAL_STYLE = """表1  “十四五”时期经济社会发展主要指标
类别      指标                                   2020年     2025年        年均/累计       属性
经济发展  1.地区生产总值增长(%)                   2.3        —             保持在合理区间   预期性
          2.全员劳动生产率增长(%)                 2.5        —             >地区生产总值增长  预期性
          3.常住人口城镇化率(%)                   60.6       65            —               预期性
绿色生态  4.单位GDP能源消耗降低(%)                —          —             〔13.5〕        约束性
          5.森林覆盖率(%)                         23.2       24.1          —               约束性
民生福祉  6.城镇调查失业率(%)                     5.2        <5.5          —               预期性
          7.居民人均可支配收入增长(%)             2.1        —             6-7             预期性
"""


def test_national_style_table_brackets_ranges_and_bounds(tmp_path: Path) -> None:
    path = tmp_path / "national.txt"
    path.write_text(NATIONAL_STYLE, encoding="utf-8")
    _, tables = _tables_of(path)
    assert len(tables) == 1 and tables[0].kind == "plan_indicators"
    rows = {r.seq: r for r in tables[0].rows}
    assert sorted(rows) == [1, 2, 3, 4, 5, 6, 7]
    assert (rows[3].name, rows[3].baseline, rows[3].target, rows[3].indicator_id) == (
        "常住人口城镇化率", Decimal("60.6"), Decimal("65"), "urbanization_rate")
    assert (rows[4].annual_growth, rows[4].attribute, rows[4].category) == (Decimal("13.5"), "binding", "绿色生态")
    assert (rows[6].target, rows[6].target_text) == (Decimal("5.5"), "<5.5")
    assert rows[7].annual_growth is None and rows[7].baseline == Decimal("2.1") and rows[7].target_text == "6-7"
    assert (rows[1].target, rows[1].target_text, rows[1].baseline) == (None, "保持在合理区间", Decimal("2.3"))
    assert rows[1].category == "经济发展" and rows[5].category == "绿色生态"


# ---------------------------------------------------------------- any text at all
_PIECES = ["序号", "指标", "指标名称", "属性", "类别", "2020", "2025年", "年均增速", "%", "(%)", "完成情况", "目标值",
           "经济", "发展", "1", "2", "3", "10", "-1.5", "45以上", "15:49:36", "预期性", "约束性", "超额完成",
           "地区生产总值(亿元)", "城镇化率(%", "完成省定目标任务", "—", "〔13.5〕", "6-7", "第三章 产业", "",
           "过去五年,我们坚持稳中求进。", "1.森林覆盖率(%)", "注:", "亿元", "主要指标完成情况"]


@pytest.mark.parametrize("seed", range(40))
def test_arbitrary_cell_soup_never_breaks(seed: int) -> None:
    """Random runs of table-like cells: no exception, spans inside the text, rows inside tables."""
    import random

    rng = random.Random(seed)
    lines = [rng.choice(_PIECES) for _ in range(rng.randint(5, 120))]
    sep = rng.choice(["\n", "\n\n", "    ", "\t"])
    text = sep.join(lines) if sep.startswith("\n") else "\n".join(
        sep.join(lines[i:i + 6]) for i in range(0, len(lines), 6))
    source = SourceText("soup.txt", text, "0" * 64, "utf-8", "text")
    for table in extract_tables(source, (), default_catalogue()):
        assert 0 <= table.span.start < table.span.end <= len(text)
        assert table.kind in ("plan_indicators", "completion_review")
        for row in table.rows:
            assert table.span.start <= row.span.start <= row.span.end <= table.span.end
            printed = iter(row.span.of(text))
            assert row.name and all(ch in printed for ch in row.name)  # the name, in order, inside its row


MID_TERM = """附表1

“十四五”规划主要指标中期评估情况

序号

指标

单位

2020年基数

2025年目标

2023年完成值

进度评价

1

地区生产总值

亿元

302.9

435

370.2

基本符合预期

2

森林覆盖率

%

43.72

45.43

45.5

提前实现

3

城镇调查失业率

%

5.5

5.0

5.3

滞后
"""


def test_flattened_mid_term_evaluation(tmp_path: Path) -> None:
    path = tmp_path / "mid.txt"
    path.write_text(MID_TERM, encoding="utf-8")
    _, tables = _tables_of(path)
    assert [(t.title, t.kind) for t in tables] == [("“十四五”规划主要指标中期评估情况", "completion_review")]
    gdp, forest, jobless = tables[0].rows
    assert (gdp.baseline, gdp.target, gdp.actual, gdp.status_text, gdp.unit) == (
        Decimal("302.9"), Decimal("435"), Decimal("370.2"), "基本符合预期", "亿元")
    assert (gdp.baseline_year, gdp.target_year) == (2020, 2025)
    assert (forest.actual, forest.status_text) == (Decimal("45.5"), "提前实现")
    assert (jobless.baseline, jobless.target, jobless.actual, jobless.status_text) == (
        Decimal("5.5"), Decimal("5.0"), Decimal("5.3"), "滞后")


def test_very_wide_rows_stay_cheap() -> None:
    from planwatch.model import Span

    columns = ["target"] * 1 + ["actual", "actual_growth", "actual_avg_growth", "gap", "ignore"] * 6
    tokens = [classify_cell(str(i + 1), Span(i, i + 1)) for i in range(14)]
    reading = read_row(columns, tokens, RowContext("completion_review", None, "x"))
    assert len(reading.fields) >= 1


def test_plan_header_with_last_years_actual_is_a_plan() -> None:
    reading = read_header(["序号", "指标名称", "单位", "2020年完成值", "2025年目标值", "年均增长(%)", "属性"],
                          "某县主要指标")
    assert reading.kind == "plan_indicators"
    assert reading.fields == ("seq", "name", "unit", "baseline", "target", "annual_growth", "attribute")
    assert (reading.baseline_year, reading.target_year) == (2020, 2025)
    review = read_header(["指标", "2020年目标", "2020年完成值", "完成情况"], None)
    assert review.kind == "completion_review" and review.fields == ("name", "target", "actual", "status")


def test_table_without_caption_takes_its_annex_title() -> None:
    text = ("第一章 总则\n附表2 某县重点指标一览\n本表数据来源于统计部门，口径与上年一致。\n"
            "序号\n指标\n2025年目标\n1\n地区生产总值(亿元)\n800\n2\n森林覆盖率(%)\n61\n")
    source = SourceText("a.txt", text, "0" * 64, "utf-8", "text")
    (table,) = extract_tables(source, parse_sections(text), default_catalogue())
    assert table.title == "某县重点指标一览"
    assert [(r.seq, r.name, r.unit, r.target) for r in table.rows] == [
        (1, "地区生产总值", "亿元", Decimal("800")), (2, "森林覆盖率", "%", Decimal("61"))]
    assert_span_text(text, table.span, text[text.index("序号"):].rstrip("\n"))


def test_back_to_back_flattened_tables_are_two(tmp_path: Path) -> None:
    first = FLAT_OTHER_ORDER.replace("第一章 发展基础\n", "")
    second = MID_TERM
    path = tmp_path / "two.txt"
    path.write_text(first + "\n" + second, encoding="utf-8")
    _, tables = _tables_of(path)
    assert [(t.title, t.kind, len(t.rows)) for t in tables] == [
        ("某市“十四五”经济社会发展主要指标", "plan_indicators", 4),
        ("“十四五”规划主要指标中期评估情况", "completion_review", 3)]
    assert tables[0].span.end < tables[1].span.start


# ---------------------------------------------------------------- synthetic plans, every text shape
_ROW_FIELDS = ("seq", "category", "unit", "attribute", "baseline", "baseline_year", "target", "target_year",
               "annual_growth")


def _row_agrees(truth: dict, row) -> bool:
    def same(key: str, want) -> bool:
        got = getattr(row, key)
        return got == want if isinstance(want, str) or want is None else got is not None and Decimal(str(want)) == got

    readings = [truth] + [{**truth, **alt} for alt in truth.get("alternatives", [])]
    return any(all(same(k, r[k]) for k in _ROW_FIELDS if r.get(k) is not None) for r in readings)


def test_synthetic_plan_tables_in_every_text_shape() -> None:
    """The synthetic generator's plans (tabbed, aligned, flattened tables) are read as it wrote them."""
    from planwatch.synth.corpus import iter_documents

    shapes: set[str] = set()
    rows_total = 0
    for item in iter_documents(regions=20, seed=1, formats=("txt",)):  # enough plans to draw every shape
        truth = item.truth
        if not truth["indicator_tables"] or truth["encoding"] != "utf-8":
            continue
        text = item.data.decode("utf-8").removeprefix("\ufeff")
        source = SourceText(item.file, text, "0" * 64, "utf-8", "text")
        tables = extract_tables(source, parse_sections(text), default_catalogue())
        assert [t.kind for t in tables] == [t["kind"] for t in truth["indicator_tables"]], item.file
        for want, got in zip(truth["indicator_tables"], tables, strict=True):
            shapes.add(want["shape"])
            by_name = {r.name: r for r in got.rows}
            for row in want["rows"]:
                rows_total += 1
                assert row["name"] in by_name, (item.file, row["name"])
                assert _row_agrees(row, by_name[row["name"]]), (item.file, want["shape"], row, by_name[row["name"]])
    assert rows_total >= 50 and {"flattened", "aligned", "tabbed"} <= shapes, (rows_total, shapes)


def test_single_spaced_rows_of_pdf_text(tmp_path: Path) -> None:
    text = ("表2 主要指标\n序号 指标 单位 2020年 2025年 年均增长 属性\n"
            "1 地区生产总值 亿元 302.9 435 7.5 预期性\n2 森林覆盖率 % 43.72 45.43 约束性\n"
            "这是规划正文,我们要坚持稳中求进工作总基调。\n")
    path = tmp_path / "pdf_text.txt"
    path.write_text(text, encoding="utf-8")
    _, tables = _tables_of(path)
    assert [(t.title, t.kind) for t in tables] == [("主要指标", "plan_indicators")]
    gdp, forest = tables[0].rows
    assert (gdp.seq, gdp.name, gdp.unit, gdp.baseline, gdp.target, gdp.annual_growth) == (
        1, "地区生产总值", "亿元", Decimal("302.9"), Decimal("435"), Decimal("7.5"))
    assert (forest.baseline, forest.target, forest.annual_growth, forest.attribute) == (
        Decimal("43.72"), Decimal("45.43"), None, "binding")
