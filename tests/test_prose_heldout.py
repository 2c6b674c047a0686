"""Held-out documents of kinds the sample corpus lacks, labelled by hand (tests/heldout_texts.py).

Each expected item is (kind, quote, value, metric, comparator, unit, year): T a target, O an
actual; ``quote`` is a unique piece of the text that holds the number; None in a field means
"not judged". An extracted item matches when its span overlaps the quote and its value is
equal (as the shared scorer matches); precision, recall and the attributes of the matched
items are asserted per document. OPTIONAL items count neither way (as the gold files'
``optional``): a duration, a ratio's parts, a change against last quarter.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from planwatch.extract.pipeline import extract_source
from planwatch.link.catalogue import default_catalogue
from planwatch.model import SourceText
from tests import heldout_texts as H

WORK_REPORT = [
    ("O", "全省地区生产总值达到5.01万亿元", 5.01, "level", None, "万亿元", 2023),
    ("O", "5.01万亿元，增长5.6%", 5.6, "growth", None, "%", 2023),
    ("O", "一般公共预算收入3360.5亿元", 3360.5, "level", None, "亿元", 2023),
    ("O", "3360.5亿元，增长7.2%", 7.2, "growth", None, "%", 2023),
    ("O", "规模以上工业增加值增长6.1%", 6.1, "growth", None, "%", 2023),
    ("O", "固定资产投资增长4.5%", 4.5, "growth", None, "%", 2023),
    ("O", "社会消费品零售总额2.17万亿元", 2.17, "level", None, "万亿元", 2023),
    ("O", "2.17万亿元，增长6.8%", 6.8, "growth", None, "%", 2023),
    ("O", "分别增长5.1%", 5.1, "growth", None, "%", 2023),
    ("O", "和7.3%", 7.3, "growth", None, "%", 2023),
    ("O", "城镇调查失业率平均为5.2%", 5.2, "share", None, "%", 2023),
    ("O", "居民消费价格上涨0.3%", 0.3, "growth", None, "%", 2023),
    ("O", "粮食总产量达到614.7亿斤", 614.7, "level", None, "亿斤", 2023),
    ("T", "地区生产总值增长5.5%左右", 5.5, "growth", "approx", "%", 2024),
    ("T", "一般公共预算收入增长5%以上", 5, "growth", "ge", "%", 2024),
    ("T", "规模以上工业增加值增长6%左右", 6, "growth", "approx", "%", 2024),
    ("T", "固定资产投资增长5%以上", 5, "growth", "ge", "%", 2024),
    ("T", "社会消费品零售总额增长6%左右", 6, "growth", "approx", "%", 2024),
    ("T", "城镇新增就业70万人以上", 70, "count", "ge", "万人", 2024),
    ("T", "控制在5.5%以内", 5.5, "share", "le", "%", 2024),
    ("T", "涨幅3%左右", 3, "growth", "approx", "%", 2024),
    ("T", "粮食产量稳定在600亿斤以上", 600, "level", "ge", "亿斤", 2024),
    ("T", "能耗降低2.5%左右", 2.5, "growth", "approx", "%", 2024),
]
WORK_REPORT_OPTIONAL = [("O", "连续10年稳定在600亿斤以上", 600)]

BULLETIN = [
    ("O", "地区生产总值48512.36亿元", 48512.36, "level", None, "亿元", 2023),
    ("O", "比上年增长5.8%", 5.8, "growth", None, "%", 2023),
    ("O", "第一产业增加值4425.61亿元", 4425.61, "level", None, "亿元", 2023),
    ("O", "增长3.9%", 3.9, "growth", None, "%", 2023),
    ("O", "第二产业增加值18806.27亿元", 18806.27, "level", None, "亿元", 2023),
    ("O", "18806.27亿元，增长5.6%", 5.6, "growth", None, "%", 2023),
    ("O", "第三产业增加值25280.48亿元", 25280.48, "level", None, "亿元", 2023),
    ("O", "增长6.3%", 6.3, "growth", None, "%", 2023),
    ("O", "人均地区生产总值73502元", 73502, "level", None, "元", 2023),
    ("O", "73502元，比上年增长6.1%", 6.1, "growth", None, "%", 2023),
    ("O", "常住人口6600.4万人", 6600.4, "level", None, "万人", 2023),
    ("O", "减少12.8万人", 12.8, "change_total", None, "万人", 2023),
    ("O", "城镇常住人口4052.6万人", 4052.6, "level", None, "万人", 2023),
    ("O", "常住人口城镇化率为61.40%", 61.4, "share", None, "%", 2023),
    ("O", "提高0.74个百分点", 0.74, "change_total", None, "个百分点", 2023),
    ("O", "城镇新增就业74.23万人", 74.23, "count", None, "万人", 2023),
    ("O", "居民消费价格比上年上涨0.2%", 0.2, "growth", None, "%", 2023),
    ("O", "粮食播种面积7154.6万亩", 7154.6, "level", None, "万亩", 2023),
    ("O", "增加12.3万亩", 12.3, "change_total", None, "万亩", 2023),
    ("O", "粮食总产量614.7亿斤", 614.7, "level", None, "亿斤", 2023),
    ("O", "比上年增长0.8%", 0.8, "growth", None, "%", 2023),
    ("O", "全部工业增加值16210.58亿元", 16210.58, "level", None, "亿元", 2023),
    ("O", "16210.58亿元，比上年增长5.9%", 5.9, "growth", None, "%", 2023),
    ("O", "规模以上工业增加值增长6.4%", 6.4, "growth", None, "%", 2023),
    ("O", "一般公共预算收入3360.5亿元", 3360.5, "level", None, "亿元", 2023),
    ("O", "3360.5亿元，比上年增长7.2%", 7.2, "growth", None, "%", 2023),
    ("O", "税收收入2298.7亿元", 2298.7, "level", None, "亿元", 2023),
    ("O", "增长10.4%", 10.4, "growth", None, "%", 2023),
    ("O", "居民人均可支配收入33420元", 33420, "level", None, "元", 2023),
    ("O", "33420元，比上年增长6.2%", 6.2, "growth", None, "%", 2023),
    ("O", "城镇居民人均可支配收入46870元", 46870, "level", None, "元", 2023),
    ("O", "增长5.1%", 5.1, "growth", None, "%", 2023),
    ("O", "农村居民人均可支配收入20853元", 20853, "level", None, "元", 2023),
    ("O", "增长7.3%", 7.3, "growth", None, "%", 2023),
    ("O", "能耗比上年下降3.1%", 3.1, "growth", None, "%", 2023),
    ("O", "优良天数比例为87.6%", 87.6, "share", None, "%", 2023),
    ("O", "森林覆盖率达到59.98%", 59.98, "share", None, "%", 2023),
]
BULLETIN_OPTIONAL = [("O", "9.1∶38.8∶52.1", 9.1), ("O", "9.1∶38.8∶52.1", 38.8), ("O", "9.1∶38.8∶52.1", 52.1)]

MIDTERM = [
    ("O", "年均增长6.4%", 6.4, "growth_avg", None, "%", 2022),
    ("T", "高于6%左右的规划目标", 6, "growth_avg", "approx", "%", 2025),
    ("O", "2022年地区生产总值达到3280亿元", 3280, "level", None, "亿元", 2022),
    ("O", "城镇化率达到66.3%", 66.3, "share", None, "%", 2022),
    ("T", "“十四五”末65%的目标", 65, "share", None, "%", 2025),
    ("O", "研发经费投入强度达到2.15%", 2.15, "share", None, "%", 2022),
    ("O", "提高0.23个百分点", 0.23, "change_total", None, "个百分点", 2022),
    ("T", "距2.5%的目标", 2.5, "share", None, "%", 2025),
    ("O", "拥有量达到6.8件", 6.8, "level", None, "件", 2022),
    ("O", "失业率控制在5.2%", 5.2, "share", None, "%", 2022),
    ("T", "低于5.5%的预期目标", 5.5, "share", None, "%", 2025),
    ("O", "年均增长6.9%", 6.9, "growth_avg", None, "%", 2022),
    ("O", "两年累计下降4.1%", 4.1, "change_total", None, "%", 2022),
    ("O", "降至31微克/立方米", 31, "level", None, "ug/m3", 2022),
    ("T", "优于35微克/立方米的目标值", 35, "level", None, "ug/m3", 2025),
    ("T", "力争达到4200亿元", 4200, "level", None, "亿元", 2025),
    ("T", "投入强度达到2.5%，", 2.5, "share", None, "%", 2025),
    ("T", "城镇化率达到68%左右", 68, "share", "approx", "%", 2025),
]

PLAN_15 = [
    ("O", "2020年的186.4亿元", 186.4, "level", None, "亿元", 2020),
    ("O", "2025年的265.3亿元", 265.3, "level", None, "亿元", 2025),
    ("O", "年均增长7.3%", 7.3, "growth_avg", None, "%", 2025),
    ("O", "一般公共预算收入达到14.2亿元", 14.2, "level", None, "亿元", 2025),
    ("T", "突破360亿元", 360, "level", "ge", "亿元", 2030),
    ("T", "年均增长6.5%左右", 6.5, "growth_avg", "approx", "%", 2030),
    ("T", "年均增长6.5%以上", 6.5, "growth_avg", "ge", "%", 2030),
    ("T", "城镇化率达到62%", 62, "share", None, "%", 2030),
    ("T", "投入强度达到2.8%以上", 2.8, "share", "ge", "%", 2030),
]
PLAN_15_OPTIONAL = [("T", "比2025年翻一番", 100)]
# name, category, unit, baseline (2025), target (2030), annual growth / [cumulative], attribute
PLAN_15_ROWS = [
    ("地区生产总值", "经济发展", "亿元", 265.3, 360, 6.5, "expected"),
    ("一般公共预算收入", "经济发展", "亿元", 14.2, 19, 6, "expected"),
    ("常住人口城镇化率", "经济发展", "%", 57.6, 62, 0.9, "expected"),
    ("研发经费投入强度", "创新驱动", "%", 2.1, 2.8, 0.14, "expected"),
    ("城镇调查失业率", "民生福祉", "%", 5.3, 5.5, None, "expected"),
    ("人均预期寿命", "民生福祉", "岁", 78.2, 79, 0.16, "expected"),
    ("森林覆盖率", "绿色生态", "%", 45.3, 46, 0.14, "binding"),
]

NEWS = [
    ("O", "地区生产总值为1368.5亿元", 1368.5, "level", None, "亿元", 2024),
    ("O", "同比增长5.9%", 5.9, "growth", None, "%", 2024),
    ("O", "第一产业增加值62.3亿元", 62.3, "level", None, "亿元", 2024),
    ("O", "增长3.6%", 3.6, "growth", None, "%", 2024),
    ("O", "第二产业增加值552.1亿元", 552.1, "level", None, "亿元", 2024),
    ("O", "增长6.8%", 6.8, "growth", None, "%", 2024),
    ("O", "第三产业增加值754.1亿元", 754.1, "level", None, "亿元", 2024),
    ("O", "增长5.4%", 5.4, "growth", None, "%", 2024),
    ("O", "地区生产总值2901.7亿元", 2901.7, "level", None, "亿元", 2023),
    ("O", "增长6.1%", 6.1, "growth", None, "%", 2023),
    ("T", "经济增长6%以上", 6, "growth", "ge", "%", 2024),
    ("T", "突破1300亿元", 1300, "level", "ge", "亿元", 2024),
]
NEWS_OPTIONAL = [("O", "加快0.4个百分点", 0.4)]

WORK_REPORT_2026 = [
    ("O", "2020年的201.3亿元", 201.3, "level", None, "亿元", 2020),
    ("O", "增加到286.5亿元", 286.5, "level", None, "亿元", 2025),
    ("O", "年均增长7.1%", 7.1, "growth_avg", None, "%", 2025),
    ("O", "年均增长6.4%", 6.4, "growth_avg", None, "%", 2025),
    ("O", "年均增长6.8%", 6.8, "growth_avg", None, "%", 2025),
    ("O", "地区生产总值增长6.3%", 6.3, "growth", None, "%", 2025),
    ("O", "工业增加值增长8.2%", 8.2, "growth", None, "%", 2025),
    ("O", "控制在5.1%以内", 5.1, "share", None, "%", 2025),
    ("O", "粮食总产量达到42.6万吨", 42.6, "level", None, "万吨", 2025),
    ("T", "突破400亿元", 400, "level", "ge", "亿元", 2030),
    ("T", "年均增长6%以上", 6, "growth_avg", "ge", "%", 2030),
    ("T", "地区生产总值增长6%左右", 6, "growth", "approx", "%", 2026),
    ("T", "收入增长5.5%", 5.5, "growth", "eq", "%", 2026),
    ("T", "城镇新增就业4200人以上", 4200, "count", "ge", "人", 2026),
    ("T", "控制在2%左右", 2, "growth", "approx", "%", 2026),
]

DOCUMENTS = {
    "work_report": (H.WORK_REPORT, WORK_REPORT, WORK_REPORT_OPTIONAL),
    "bulletin": (H.BULLETIN, BULLETIN, BULLETIN_OPTIONAL),
    "midterm": (H.MIDTERM, MIDTERM, []),
    "plan_15": (H.PLAN_15, PLAN_15, PLAN_15_OPTIONAL),
    "news": (H.NEWS, NEWS, NEWS_OPTIONAL),
    "work_report_2026": (H.WORK_REPORT_2026, WORK_REPORT_2026, []),
}
# What each document must reach: precision, recall, share of judged attributes right.
BARS = {"precision": 0.95, "recall": 0.95, "attributes": 0.9}


def extract(text: str, name: str):
    source = SourceText(path=f"{name}.txt", text=text, sha256="", encoding="utf-8", format="text")
    return extract_source(source, catalogue=default_catalogue())


def quote_span(text: str, quote: str) -> tuple[int, int]:
    at = text.find(quote)
    assert at >= 0 and text.find(quote, at + 1) < 0, f"quote not unique in the text: {quote!r}"
    return at, at + len(quote)


def score(text: str, expected: list[tuple], optional: list[tuple], extraction) -> dict:
    """Match one to one (span overlap, equal value); count attributes of the matched pairs."""
    items = [("T", t) for t in extraction.targets if t.metric != "qualitative"]
    items += [("O", o) for o in extraction.observations]
    used: set[int] = set()
    matched, missed, judged, right, wrong = 0, [], 0, 0, []

    def find(kind: str, quote: str, value) -> int | None:
        qs, qe = quote_span(text, quote)
        for i, (k, item) in enumerate(items):
            if i in used or k != kind or not (item.span.start < qe and qs < item.span.end):
                continue
            if item.value is not None and abs(item.value) == Decimal(str(value)):
                return i
        return None

    for kind, quote, value, *attrs in expected:
        i = find(kind, quote, value)
        if i is None:
            missed.append((kind, quote, value))
            continue
        used.add(i)
        matched += 1
        item = items[i][1]
        for field, want in zip(("metric", "comparator", "unit", "year"), attrs, strict=True):
            if want is None:
                continue
            judged += 1
            got = getattr(item, field)
            right += got == want
            if got != want:
                wrong.append((quote, field, want, got))
    n_optional = 0
    for kind, quote, value in optional:
        i = find(kind, quote, value)
        if i is not None:
            used.add(i)
            n_optional += 1
    spurious = [(k, text[x.span.start:x.span.end], x.value) for i, (k, x) in enumerate(items) if i not in used]
    extracted = len(items) - n_optional
    return {"precision": matched / extracted if extracted else 1.0, "recall": matched / len(expected),
            "attributes": right / judged if judged else 1.0,
            "missed": missed, "spurious": spurious, "wrong": wrong}


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_heldout_document(name):
    text, expected, optional = DOCUMENTS[name]
    result = score(text, expected, optional, extract(text, name))
    for key, bar in BARS.items():
        assert result[key] >= bar, (key, result[key], result)


def test_quotes_are_unique_and_hold_their_numbers():
    for text, expected, optional in DOCUMENTS.values():
        for _kind, quote, value, *_ in [*expected, *optional]:
            quote_span(text, quote)
            number = format(Decimal(str(value)).normalize(), "f")
            assert number in quote.replace(",", "") or value == 100, (quote, value)  # 100: 翻一番


def test_fifteenth_plan_aligned_table_without_sequence_numbers():
    """An aligned text table with no 序号 column: categories stand before the first name of
    their rows, growth cells read 6.5%左右, cumulative changes are bracketed."""
    ex = extract(H.PLAN_15, "plan_15")
    (table,) = ex.tables
    assert table.kind == "plan_indicators"
    got = [(r.name, r.category, r.unit, r.baseline, r.target, r.annual_growth, r.attribute) for r in table.rows]
    want = [(n, c, u, Decimal(str(b)), Decimal(str(t)), None if g is None else Decimal(str(g)), a)
            for n, c, u, b, t, g, a in PLAN_15_ROWS]
    assert got == want
    assert {(r.baseline_year, r.target_year) for r in table.rows} == {(2025, 2030)}
    jobless = next(r for r in table.rows if r.name == "城镇调查失业率")
    assert jobless.target_text == "<5.5"
    # the table's numbers are not read again as prose targets
    assert not [t for t in ex.targets if table.span.start <= t.span.start < table.span.end]


def test_documents_are_read_as_their_kind():
    kinds = {name: extract(text, name).meta.doc_type for name, (text, _, _) in DOCUMENTS.items()}
    assert kinds == {"work_report": "work_report", "bulletin": "bulletin", "midterm": "evaluation",
                     "plan_15": "plan", "news": "news", "work_report_2026": "work_report"}


def test_estimates_and_review_periods_of_a_report_opening_a_plan_period():
    """A work report of 2026 reviews 2025 (预计: estimated) and the 十四五 period (过去五年)."""
    ex = extract(H.WORK_REPORT_2026, "work_report_2026")
    text = H.WORK_REPORT_2026
    by_quote = {text[o.span.start:o.span.end]: o for o in ex.observations}
    assert by_quote["6.3%"].estimated and by_quote["8.2%"].estimated
    assert not by_quote["7.1%"].estimated and by_quote["7.1%"].period == (2021, 2025)
