"""Document metadata on the real corpus and on small texts of each kind."""

from __future__ import annotations

import hashlib

import pytest

from planwatch.ingest.metadata import detect_metadata, plan_period
from planwatch.model import SourceText


def _source(text: str, path: str = "doc.txt") -> SourceText:
    return SourceText(path, text, hashlib.sha256(text.encode()).hexdigest(), "utf-8", "text")


@pytest.mark.parametrize(
    ("stem", "doc_type", "region", "code", "period"),
    [
        ("000_6d30eace15c0d417", "plan", "株洲市石峰区", "430204", (2021, 2025)),
        ("001_7fe41e660d4411f9", "news", "株洲市石峰区", "430204", (2019, 2020)),
        ("002_7639c02c9fdb3ff9", "plan", "衡阳市雁峰区", "430406", (2021, 2025)),
        ("003_74ac3f1fef55bdd1", "listing", "株洲市", "430200", (2020, 2025)),
        ("004_8ea32ed0690f39a6", "plan", "涟源市", "431382", (2021, 2025)),
    ],
)
def test_corpus_metadata(corpus_dir, stem, doc_type, region, code, period) -> None:
    meta = detect_metadata(_source((corpus_dir / f"{stem}.txt").read_text(encoding="utf-8")))
    assert (meta.doc_type, meta.region, meta.region_code, meta.period) == (doc_type, region, code, period)


def test_corpus_metadata_agrees_with_gold(corpus_dir, gold) -> None:
    for stem, answer in gold.items():
        meta = detect_metadata(_source((corpus_dir / f"{stem}.txt").read_text(encoding="utf-8")))
        assert meta.doc_type == answer["doc_type"], stem
        assert meta.region == answer["region"], stem


def test_corpus_titles(corpus_dir) -> None:
    def title(stem: str) -> str | None:
        return detect_metadata(_source((corpus_dir / f"{stem}.txt").read_text(encoding="utf-8"))).title

    assert title("004_8ea32ed0690f39a6") == "涟源市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"
    assert title("000_6d30eace15c0d417") == "(湖南省)株洲市石峰区国民经济和社会发展十四五规划(2022年更新)"
    assert title("001_7fe41e660d4411f9") == "将转型升级进行到底"
    assert title("003_74ac3f1fef55bdd1") is None  # a listing page has no title of its own


@pytest.mark.parametrize(
    ("ordinal", "years"), [(1, (1953, 1957)), (3, (1966, 1970)), (13, (2016, 2020)), (14, (2021, 2025)),
                           (15, (2026, 2030))],
)
def test_plan_period(ordinal: int, years: tuple[int, int]) -> None:
    assert plan_period(ordinal) == years


def test_fifteenth_plan_broken_title() -> None:
    text = (
        "当前位置: 首页 > 政务公开\n发布时间: 2026-02-01\n"
        "南京市鼓楼区国民经济和社会发展第十五个\n五年规划纲要\n\n第一章 发展基础\n正文。"
    )
    meta = detect_metadata(_source(text))
    assert meta.doc_type == "plan"
    assert meta.period == (2026, 2030)
    assert meta.region == "南京市鼓楼区" and meta.region_code == "320106"
    assert meta.title == "南京市鼓楼区国民经济和社会发展第十五个五年规划纲要"


def test_work_report() -> None:
    text = (
        "2023年攸县政府工作报告\n——2023年1月10日在攸县第十八届人民代表大会第二次会议上\n"
        "一、2022年工作回顾\n过去一年,全县地区生产总值增长5.1%。\n二、2023年工作安排\n"
    )
    meta = detect_metadata(_source(text))
    assert (meta.doc_type, meta.region, meta.period) == ("work_report", "攸县", (2022, 2023))
    assert meta.region_code == "430223"


def test_statistical_bulletin() -> None:
    text = "娄底市2022年国民经济和社会发展统计公报\n娄底市统计局\n初步核算,全年地区生产总值增长4.5%。\n"
    meta = detect_metadata(_source(text))
    assert (meta.doc_type, meta.region, meta.period) == ("bulletin", "娄底市", (2022, 2022))


def test_evaluation_report() -> None:
    text = "涟源市“十四五”规划纲要实施中期评估报告\n一、总体进展\n规划实施以来……\n"
    meta = detect_metadata(_source(text))
    assert (meta.doc_type, meta.region, meta.period) == ("evaluation", "涟源市", (2021, 2025))


def test_unknown_text_is_other_without_region() -> None:
    meta = detect_metadata(_source("今天天气很好。\n我们去公园散步。\n"))
    assert (meta.doc_type, meta.region, meta.region_code, meta.period) == ("other", None, None, None)


def test_portal_furniture_is_skipped_and_typed_title_wins() -> None:
    text = (
        "株洲市人民政府门户网站\n株洲市人民政府\n索引号：430200/2021-0001\n发布机构：醴陵市发改委\n"
        "株洲市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要\n正文。"
    )
    meta = detect_metadata(_source(text))
    assert meta.title == "株洲市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"
    assert (meta.doc_type, meta.region, meta.period) == ("plan", "株洲市", (2021, 2025))


def test_work_report_region_from_the_meeting_line() -> None:
    text = (
        "政府工作报告\n——2021年1月18日在株洲市第十五届人民代表大会第五次会议上\n各位代表：\n"
        "现在，我代表市人民政府向大会报告工作。\n一、2020年工作回顾\n"
    )
    meta = detect_metadata(_source(text))
    assert (meta.doc_type, meta.region, meta.period) == ("work_report", "株洲市", (2020, 2021))
    assert meta.title == "政府工作报告"


def test_news_byline() -> None:
    text = "本报讯（记者 张三 通讯员 李四）2023年，醴陵市地区生产总值增长6%。2023年工业增长7%。"
    meta = detect_metadata(_source(text))
    assert (meta.doc_type, meta.region, meta.period) == ("news", "醴陵市", (2023, 2023))
