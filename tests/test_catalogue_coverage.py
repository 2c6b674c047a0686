"""How many of the prose items a careful reader would take out of the sample corpus the catalogue
recognises, measured the way the issue's bar reads.

For every corpus document the real CLI (``planwatch extract FILE --json``) runs; its targets and
observations are paired with the gold items exactly as /work/shared/tools/score.py pairs them
(span overlap with the gold quote and an equal value, one-to-one, greedily, required items
first). The share asked for is: of the extracted items that matched a required gold item, how
many carry an ``indicator_id``. A spot list checks that a recognised id is the right quantity,
and a second list that a name which lost its subject is not claimed by a neighbouring quantity.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import SHARED

SCORE_PY = SHARED / "tools" / "score.py"
FLOOR = 0.60  # what the catalogue reached before the prose names were read whole (0.62)
ISSUE_BAR = 0.80


def _load_score() -> ModuleType:
    if not SCORE_PY.is_file():
        pytest.skip("../shared/tools/score.py is not beside this checkout")
    spec = importlib.util.spec_from_file_location("planwatch_shared_score", SCORE_PY)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _pairs(score: ModuleType, text: str, gold_items: list[dict], ext_items: list[dict]) -> list[tuple[dict, dict]]:
    """(gold, extracted) pairs for required gold items, in score.match_items' own order and rules."""
    used: set[int] = set()
    pairs = []
    for g in sorted(gold_items, key=lambda g: bool(g.get("optional"))):
        gs = score.quote_span(text, g)
        for i, e in enumerate(ext_items):
            span = e.get("span")
            if i not in used and span and score.overlaps(tuple(span), gs) and score.values_match(e, g):
                used.add(i)
                if not g.get("optional"):
                    pairs.append((g, e))
                break
    return pairs


@pytest.fixture(scope="module")
def matched(corpus_dir: Path, gold: dict[str, dict]) -> dict[str, list[tuple[dict, dict]]]:
    """Per document stem: the (gold item, extracted item) pairs of targets and observations."""
    score = _load_score()
    env = {k: v for k, v in os.environ.items() if k != "PLANWATCH_CATALOGUE"}  # the built-in catalogue only
    out: dict[str, list[tuple[dict, dict]]] = {}
    for stem, answers in gold.items():
        path = corpus_dir / answers.get("document", stem + ".txt")
        run = subprocess.run([sys.executable, "-m", "planwatch", "extract", str(path), "--json"],
                             capture_output=True, text=True, check=True, env=env, timeout=300)
        ext = json.loads(run.stdout)
        text = path.read_text(encoding="utf-8")
        out[stem] = []
        for kind in ("targets", "observations"):
            pairs = _pairs(score, text, answers.get(kind, []), ext.get(kind, []))
            assert len(pairs) == score.match_items(text, answers.get(kind, []), ext.get(kind, []))["tp"]
            out[stem] += pairs
    return out


def _share(matched: dict[str, list[tuple[dict, dict]]]) -> tuple[float, int]:
    items = [e for pairs in matched.values() for _, e in pairs]
    assert len(items) > 300  # the extractor does find most gold items; a collapse is not a good share
    return sum(e.get("indicator_id") is not None for e in items) / len(items), len(items)


def test_matched_prose_items_mostly_carry_an_indicator_id(matched: dict) -> None:
    share, n = _share(matched)
    unrecognised = sorted({e.get("indicator") or "" for pairs in matched.values() for _, e in pairs
                           if e.get("indicator_id") is None})
    print(f"recognised {share:.1%} of {n} matched prose items; unrecognised names: {unrecognised}")
    assert share >= FLOOR


def test_issue_bar_of_matched_prose_items(matched: dict) -> None:
    assert _share(matched)[0] >= ISSUE_BAR


# (document prefix, gold indicator name, the id every extracted item matched to it must carry)
RIGHT_IDS = [
    ("000", "累计新增城镇就业", "new_urban_jobs"),
    ("000", "完成生态修复面积", "ecological_restoration_area"),
    ("000", "取缔污水直排口", "sewage_outfalls"),
    ("001", "引进院士工作站数", "academician_workstations"),
    ("001", "轻资产招商企业数", "asset_light_enterprises"),
    ("001", "精简办事环节数", "procedure_steps_cut"),
    ("001", "累计植树造林面积", "afforestation_area"),
    ("002", "白沙洲工业园区技工贸总收入", "park_revenue"),
    ("002", "现代物流产业园总面积", "park_area"),
    ("002", "生物医药专业园区面积", "park_area"),
    ("002", "大数据产业集群产值", "industry_cluster_output"),
    ("002", "新增公办幼儿园学位", "new_kindergarten_places"),
    ("002", "发放住房租赁补贴户数", "rental_subsidy_households"),
    ("002", "发放住房租赁补贴金额", "rental_subsidy_amount"),
    ("002", "引入外商直接投资项目", "fdi_projects"),
    ("002", "每平方公里土地产出GDP", "gdp_per_land_area"),
    ("003", "拆除违章建筑面积", "illegal_buildings_removed"),
    ("003", "引进项目当年开工率", "project_start_rate"),
    ("003", "公立医院次均住院费用降幅", "inpatient_cost_per_visit"),
    ("003", "为企业减税退税", "tax_and_fee_cuts"),
    ("004", "娄底高新区园区年产值", "park_output"),
    ("004", "改扩建公路里程", "road_construction"),
    ("004", "改造寄宿制学校", "schools"),
    ("004", "扩建中等职业教育学校", "vocational_schools"),
    ("004", "农村贫困人口脱贫", "poverty_exit_population"),
    ("004", "贫困村出列", "poverty_village_exit"),
    ("004", "机耕道", "farm_roads"),
    # names the prose extractor reads whole: a subject reached back for, examples dropped, 分别 pairs
    ("000", "清水塘企业周边污染土壤修复治理面积", "contaminated_soil_remediation"),
    ("000", "绿心地区关停退出工业企业", "enterprises_closed"),
    ("000", "提质改造农贸市场", "farmers_markets"),
    ("001", "办结网格事件数", "grid_events_closed"),
    ("001", "网格事件办结率", "grid_event_closure_rate"),
    ("001", "引进项目数", "projects_introduced"),
    ("002", "累计新增就业", "new_urban_jobs"),
    ("002", "财政民生支出占财政支出比重", "livelihood_spending_share"),
    ("002", "细颗粒物(PM2.5)浓度", "pm25_concentration"),
    ("002", "南湖片区开发面积", "area_development"),
    ("002", "棚户区改造涉及户数", "shantytown_renovation"),
    ("002", "主持参与制定国家标准", "standards_developed"),
    ("002", "市场主体(2020年为2015年的倍数)", "market_entities"),
    ("003", "粮食产量", "grain_output"),
    ("003", "项目开工", "project_starts"),
    ("003", "成功上市企业", "listed_companies"),
    ("004", "茅塘石门工业园年产值", "park_output"),
    ("004", "湘煤机智造产业园年产值", "park_output"),
    ("004", "省级现代农业特色产业园", "modern_agri_parks"),
    ("004", "中药材种植基地", "planting_bases"),
    ("004", "城镇居民人均可支配收入", "urban_disposable_income"),
    ("004", "农村居民人均可支配收入", "rural_disposable_income"),
]


@pytest.mark.parametrize(("doc", "gold_name", "iid"), RIGHT_IDS)
def test_recognised_items_carry_the_right_id(matched: dict, doc: str, gold_name: str, iid: str) -> None:
    pairs = [(g, e) for stem, ps in matched.items() if stem.startswith(doc) for g, e in ps
             if g.get("indicator") == gold_name]
    assert pairs, f"no extracted item matched the gold item {gold_name!r} of {doc}"
    for g, e in pairs:
        assert e.get("indicator_id") == iid, (g["quote"], e.get("indicator"), e.get("indicator_id"))


# Gold items whose extracted name lost its subject: a neighbouring quantity must not claim them.
NOT_CLAIMED = [
    ("002", "财政民生支出占财政支出比重", {None, "livelihood_spending_share"}),  # printed "占财政支出"
    ("002", "持牌金融机构资产规模", {None}),  # 亿元 of assets, not a count of institutions
    ("002", "国家级高端输变电装备产业集群产值", {None, "industry_cluster_output"}),  # printed "产值"
    ("003", "电子信息产业集群总产值", {None, "industry_cluster_output"}),  # printed "总产值"
    ("004", "茅塘石门工业园年产值", {None, "park_output"}),  # printed "年产值"
    ("003", "“500强”企业投资项目", {None}),  # projects of Fortune 500 firms, not a count of the firms
    ("003", "下沉小区的党员干部", {"cadres_sent_down"}),  # 1370余名党员干部下沉: people
    ("003", "党员干部下沉覆盖小区", {None}),  # 下沉到277个小区: neighbourhoods, not the cadres
]


@pytest.mark.parametrize(("doc", "gold_name", "allowed"), NOT_CLAIMED)
def test_truncated_names_are_not_claimed_by_another_quantity(matched: dict, doc: str, gold_name: str,
                                                            allowed: set) -> None:
    for stem, pairs in matched.items():
        if stem.startswith(doc):
            for g, e in pairs:
                if g.get("indicator") == gold_name:
                    assert e.get("indicator_id") in allowed, (g["quote"], e.get("indicator"), e.get("indicator_id"))
