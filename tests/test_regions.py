"""The gazetteer: canonical names, parents, ambiguity, and mentions found in real texts."""

from __future__ import annotations

from collections import Counter

import pytest

from planwatch.ingest.regions import (
    canonical_region,
    find_regions,
    gazetteer,
    parent_of,
    same_region,
    short_name,
)
from tests.conftest import assert_span_text


def test_table_covers_all_levels_nationally() -> None:
    gaz = gazetteer()
    levels = Counter(r.level for r in gaz.by_code.values())
    assert levels["province"] == 35  # incl. Taiwan, Hong Kong, Macau as in GB/T 2260
    assert levels["prefecture"] > 330
    assert levels["county"] > 2800
    for region in gaz.by_code.values():
        assert region.parent_code is None or region.parent_code in gaz.by_code


@pytest.mark.parametrize(
    ("name", "full_name", "code"),
    [
        ("石峰区", "株洲市石峰区", "430204"),
        ("株洲市石峰区", "株洲市石峰区", "430204"),
        ("(湖南省)株洲市石峰区", "株洲市石峰区", "430204"),
        ("湖南省株洲市石峰区", "株洲市石峰区", "430204"),
        ("雁峰区", "衡阳市雁峰区", "430406"),
        ("涟源市", "涟源市", "431382"),
        ("湖南省涟源市", "涟源市", "431382"),
        ("涟源", "涟源市", "431382"),
        ("430204", "株洲市石峰区", "430204"),
        ("株洲", "株洲市", "430200"),
        ("湘西", "湘西土家族苗族自治州", "433100"),
        ("北京市东城区", "北京市东城区", "110101"),
        ("南京市鼓楼区", "南京市鼓楼区", "320106"),
    ],
)
def test_canonical_region(name: str, full_name: str, code: str) -> None:
    region = canonical_region(name)
    assert region is not None
    assert (region.full_name, region.code) == (full_name, code)


@pytest.mark.parametrize("name", ["鼓楼区", "新华区", "城关镇", "", "规划纲要"])
def test_ambiguous_or_unknown_names_stay_unresolved(name: str) -> None:
    assert canonical_region(name) is None


def test_parent_of() -> None:
    assert parent_of("涟源市").name == "娄底市"
    assert parent_of("石峰区").code == "430200"
    assert parent_of("株洲市").name == "湖南省"
    assert parent_of("湖南省") is None
    assert parent_of("仙桃市").name == "湖北省"  # a county-level city under the province itself
    assert parent_of("鼓楼区") is None


def test_short_names() -> None:
    assert short_name("株洲市") == "株洲"
    assert short_name("新疆维吾尔自治区") == "新疆"
    assert short_name("黔东南苗族侗族自治州") == "黔东南"
    assert short_name("酉阳土家族苗族自治县") == "酉阳"
    assert short_name("攸县") is None


def test_same_region() -> None:
    assert same_region("石峰区", "株洲市石峰区")
    assert same_region("(湖南省)株洲市石峰区", "430204")
    assert same_region("涟源", "涟源市")
    assert not same_region("涟源市", "娄底市")
    assert not same_region("南京市鼓楼区", "福州市鼓楼区")
    assert same_region("鼓楼区", "南京市鼓楼区")  # a bare name is compatible with each place it fits
    assert same_region("城关镇", "城关镇")
    assert not same_region("城关镇", "石峰区")


def test_find_regions_merges_chains_and_keeps_spans() -> None:
    text = "(湖南省)株洲市石峰区人民政府与涟源市、南京市鼓楼区合作。"
    mentions = find_regions(text)
    assert [m.region.full_name for m in mentions] == ["株洲市石峰区", "涟源市", "南京市鼓楼区"]
    assert_span_text(text, mentions[0].span, "湖南省)株洲市石峰区")
    assert_span_text(text, mentions[2].span, "南京市鼓楼区")


def test_ambiguous_district_resolved_by_parent_named_elsewhere() -> None:
    text = "福州市召开会议。鼓楼区将新建学校。"
    mentions = find_regions(text)
    assert mentions[-1].text == "鼓楼区"
    assert mentions[-1].region is not None and mentions[-1].region.full_name == "福州市鼓楼区"
    alone = find_regions("鼓楼区将新建学校。")
    assert alone[0].region is None and len(alone[0].candidates) == 4


def test_common_words_are_not_regions() -> None:
    text = "推进中心城区和老城区改造,建设示范县,拓展新建区域,开拓市场。涟源城区排水。"
    assert [m.text for m in find_regions(text)] == []


def test_short_names_count_only_for_regions_named_in_full() -> None:
    text = "株洲市石峰区召开大会。石峰人干劲足,中山路畅通。"
    found = [(m.text, m.short) for m in find_regions(text, short_names=True)]
    assert found == [("株洲市石峰区", False), ("石峰", True)]


def test_mentions_in_the_corpus(corpus_dir) -> None:
    text = (corpus_dir / "004_8ea32ed0690f39a6.txt").read_text(encoding="utf-8")
    counts = Counter(m.region.full_name for m in find_regions(text) if m.region)
    assert counts.most_common(1)[0][0] == "涟源市"
    assert counts["娄底市"] > 5
    text = (corpus_dir / "003_74ac3f1fef55bdd1.txt").read_text(encoding="utf-8")
    counts = Counter(m.region.full_name for m in find_regions(text) if m.region)
    assert counts.most_common(2)[0][0] == "株洲市"
    assert counts["株洲市石峰区"] > 10


def test_ambiguous_district_prefers_the_parent_named_nearby() -> None:
    text = "南京市" + "发展很快。" * 60 + "福州市召开会议,鼓楼区将新建学校。"
    mention = next(m for m in find_regions(text) if m.text == "鼓楼区")
    assert mention.region is not None and mention.region.full_name == "福州市鼓楼区"
    both = find_regions("南京市、福州市两地的鼓楼区都在建学校。")
    assert both[-1].text == "鼓楼区" and both[-1].region is None  # two parents named: stays ambiguous


def test_a_name_inside_a_longer_unknown_name_is_not_a_mention() -> None:
    """青岚县 (not in the gazetteer) ends in 岚县 (山西省吕梁市): a name must start a word."""
    assert find_regions("云川市青岚县召开会议,青岚县人民政府发布公告。") == []
    assert [m.text for m in find_regions("顺应城市发展规律。")] == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("岚县召开会议。", "岚县"),
        ("2023年攸县地区生产总值增长5%。", "攸县"),
        ("湖南攸县经济发展。", "攸县"),
        ("(山西省)岚县人民政府", "岚县"),
        ("会议在岚县召开。", "岚县"),
        ("全面推进岚县发展。", "岚县"),
        ("特变电工荣获湖南省质量奖。", "湖南省"),
        ("优质资源落户雁峰区。", "衡阳市雁峰区"),
        ("2021年2月4日株洲市石峰区第五届人民代表大会", "株洲市石峰区"),
    ],
)
def test_names_after_word_boundaries_are_mentions(text: str, name: str) -> None:
    assert [m.region.full_name for m in find_regions(text) if m.region] == [name]


def test_same_region_for_places_the_gazetteer_lacks() -> None:
    assert same_region("云川市青岚县", "青岚县")
    assert same_region("株洲市石峰区清水塘街道", "清水塘街道")
    assert not same_region("云川市青岚县", "云山市青岚县")
    assert not same_region("青岚县", "岚县")
    assert canonical_region("云川市青岚县") is None
