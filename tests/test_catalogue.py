"""The indicator catalogue: data integrity, folding, matching of real printed names, extension."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap

import pytest

from planwatch.link.catalogue import DEFAULT_PATH, Catalogue, default_catalogue, fold_name, metric_hint

# The national 14th plan's 20 main indicators by their official names (DOMAIN.md §2).
NATIONAL_20 = {
    "地区生产总值增长": "gdp",
    "全员劳动生产率增长": "labour_productivity",
    "常住人口城镇化率": "urbanization_rate",
    "全社会研发经费投入增长": "rd_expenditure",
    "每万人口高价值发明专利拥有量": "high_value_invention_patents",
    "数字经济核心产业增加值占GDP比重": "digital_economy_share",
    "居民人均可支配收入增长": "disposable_income",
    "城镇调查失业率": "surveyed_unemployment_rate",
    "劳动年龄人口平均受教育年限": "schooling_years",
    "每千人口拥有执业(助理)医师数": "doctors_per_1000",
    "基本养老保险参保率": "pension_insurance_rate",
    "每千人口拥有3岁以下婴幼儿托位数": "childcare_places_per_1000",
    "人均预期寿命": "life_expectancy",
    "单位GDP能源消耗降低": "energy_intensity",
    "单位GDP二氧化碳排放降低": "carbon_intensity",
    "地级及以上城市空气质量优良天数比率": "air_quality_good_days_ratio",
    "地表水达到或好于Ⅲ类水体比例": "surface_water_quality",
    "森林覆盖率": "forest_coverage",
    "粮食综合生产能力": "grain_capacity",
    "能源综合生产能力": "energy_capacity",
}

# Intended indicator of every row of the two tables of 004 (keyed by the gold row name).
GOLD_004_ROWS = {
    "地区生产总值": "gdp", "第一产业增加值": "primary_industry_va",
    "第二产业增加值": "secondary_industry_va", "工业增加值": "industrial_va",
    "第三产业增加值": "tertiary_industry_va", "三次产业结构比例": "industry_structure",
    "人均生产总值": "per_capita_gdp", "社会消费品零售总额": "retail_sales",
    "固定资产投资五年累计完成额": "fixed_asset_investment", "财政总收入": "fiscal_revenue_total",
    "一般预算收入": "general_budget_revenue", "城镇居民人均可支配收入": "urban_disposable_income",
    "农村居民人均纯收入": "rural_disposable_income", "城镇化率": "urbanization_rate",
    "财政性教育经费占GDP比重": "education_spending_share_gdp",
    "新型农村合作医疗参合率": "rural_cooperative_medical_rate",
    "城镇医疗保障覆盖率": "medical_insurance_rate", "五年转移农村劳动力就业": "rural_labour_transfer",
    "城镇登记失业率": "registered_unemployment_rate", "万元GDP能耗比下降": "energy_intensity",
    "单位工业增加值能耗下降": "industrial_energy_intensity", "森林覆盖率": "forest_coverage",
    "城市垃圾无害化处理率": "garbage_treatment_rate", "城市污水集中处理率": "sewage_treatment_rate",
    "化学需氧量排放量": "cod_emissions", "氨氮排放量": "ammonia_nitrogen_emissions",
    "二氧化硫排放量": "so2_emissions", "氨氮化合物排放量": "nox_emissions",
    "地区生产总值增长率": "gdp", "全员劳动生产率": "labour_productivity",
    "制造业增加值占GDP比重": "manufacturing_va_share",
    "产业投资占固定资产投资比重": "industrial_investment_share",
    "最终消费支出GDP贡献率": "consumption_contribution", "进出口总额占GDP比重": "trade_share_gdp",
    "地方税收占GDP比重": "tax_share_gdp", "常住人口城镇化率": "urbanization_rate",
    "研发经费占GDP的比例": "rd_intensity", "每万人口发明专利拥有量": "invention_patents_per_10k",
    "数字经济增加值占GDP比重": "digital_economy_share", "居民人均可支配收入": "disposable_income",
    "城镇调查失业率": "surveyed_unemployment_rate", "人均预期寿命": "life_expectancy",
    "每千人口拥有执业医师数": "doctors_per_1000", "劳动年龄人口平均受教育年限": "schooling_years",
    "基本养老保险参保率": "pension_insurance_rate",
    "每千人口拥有三岁以下婴幼儿托位数": "childcare_places_per_1000",
    "单位GDP能耗降幅": "energy_intensity", "单位GDP二氧化碳排放降幅": "carbon_intensity",
    "县级以上城市空气质量优良天数比例": "air_quality_good_days_ratio",
    "地表水达到或优于类水体比例": "surface_water_quality", "粮食综合生产能力": "grain_capacity",
    "亿元GDP生产安全事故死亡率": "work_safety_death_rate",
}


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return default_catalogue()


def test_catalogue_entries_are_well_formed(cat: Catalogue) -> None:
    assert len(cat) >= 100
    categories = {"经济发展", "创新驱动", "民生福祉", "绿色生态", "安全保障", "改革开放", "城乡建设", "政府治理"}
    for ind in cat:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", ind.id), ind.id
        assert ind.direction in {"higher", "lower"}, ind.id
        assert ind.metric in {"level", "growth", "growth_avg", "change_total", "share", "count"}, ind.id
        assert ind.attribute in {None, "binding", "expected"}, ind.id
        assert ind.category in categories, ind.id
        # every name of an indicator leads back to it (no synonym is stolen by another entry)
        for name in ind.names:
            assert cat.match(name, ind.unit) is ind, (ind.id, name, cat.match(name, ind.unit))


@pytest.mark.parametrize(("name", "iid"), sorted(NATIONAL_20.items()))
def test_national_indicators_match_by_official_name(cat: Catalogue, name: str, iid: str) -> None:
    hit = cat.match(name)
    assert hit is not None and hit.id == iid


def test_binding_green_indicators_carry_their_attribute(cat: Catalogue) -> None:
    for iid in ("energy_intensity", "carbon_intensity", "air_quality_good_days_ratio",
                "surface_water_quality", "forest_coverage", "farmland_area"):
        assert cat.get(iid).attribute == "binding", iid
    assert cat.get("surveyed_unemployment_rate").direction == "lower"
    assert cat.get("energy_intensity").direction == "lower"


def test_gold_table_rows_of_004_match_intended_indicator(cat: Catalogue, gold: dict) -> None:
    rows = [r for t in gold["004_8ea32ed0690f39a6"]["indicator_tables"] for r in t["rows"]]
    assert len(rows) == 53
    for row in rows:
        hit = cat.match(row["name"], row.get("unit"))
        assert hit is not None and hit.id == GOLD_004_ROWS[row["name"]], (row["name"], hit)


@pytest.mark.parametrize(("printed", "iid"), [
    ("地区生产总值增长率(%", "gdp"),  # closing bracket lost by the scrape
    ("全市地区生产总值(亿元)", "gdp"),
    ("GDP", "gdp"),
    ("其中:工业增加值(亿元)", "industrial_va"),
    ("规模工业增加值", "above_scale_industrial_va"),
    ("全区规上工业增加值增速", "above_scale_industrial_va"),
    ("一般预算收入", "general_budget_revenue"),
    ("地方一般公共预算收入（不含园区）", "general_budget_revenue"),  # full-width brackets
    ("R&D经费投入强度", "rd_intensity"),
    ("全社会研发经费(R&D)投入", "rd_expenditure"),
    ("万元GDP能耗比下降(%", "energy_intensity"),
    ("单位地区生产总值能耗累计降低", "energy_intensity"),
    ("白沙洲工业园区全社会固定资产投资年均增长", "fixed_asset_investment"),
    ("高新技术产业增加值占规模工业增加值比重", "high_tech_va_share_industry"),
    ("高新技术产业增加值占GDP比重", "high_tech_va_share"),
    ("城 镇 调 查 失 业 率", "surveyed_unemployment_rate"),
])
def test_printed_variants_fold_to_their_indicator(cat: Catalogue, printed: str, iid: str) -> None:
    hit = cat.match(printed)
    assert hit is not None and hit.id == iid, (printed, fold_name(printed), hit)


@pytest.mark.parametrize("generic", ["增长", "收入", "投资", "比重", "", "  ", "(%", "企业", "项目"])
def test_generic_words_match_nothing(cat: Catalogue, generic: str) -> None:
    assert cat.match(generic) is None


def test_unrelated_names_match_nothing(cat: Catalogue) -> None:
    for name in ("湘中黑牛新品种选育申报鉴定用时", "三一项目第一期房屋签约数", "殡葬费用整体", "田心干渠",
                 "占财政支出", "年产值", "企业场地", "“500强”企业投资项目"):
        assert cat.match(name) is None, name


@pytest.mark.parametrize(("name", "unit", "iid"), [
    ("办结网格事件数", "件", "grid_events_closed"),
    ("各类网格事件办结率", "%", "grid_event_closure_rate"),
    ("受理网格事件", "件", "grid_events"),
    ("划分网格", "个", "grid_cells"),
    ("讲坛开讲期数", "期", "lectures"),
    ("举办各类培训班", "期", "training_courses"),
    ("企业成功上市", "家", "listed_companies"),
    ("项目顺利开工", "个", "project_starts"),
    ("企业纷纷入驻", "家", "enterprises_settled"),
    ("工业企业全部关停退出", "家", "enterprises_closed"),
    ("关停养殖场", "家", "livestock_farms_closed"),
    ("清理整改小水电站", "座", "small_hydro_rectification"),
    ("建设垂直压缩式转运站", "处", "garbage_transfer_stations"),
    ("推动企业“上云上平台", "家", "cloud_enterprises"),
    ("引进三类500强企业", "家", "fortune500_enterprises"),
    ("培训优秀骨干教师", "名", "key_teachers"),
    ("南湖片区", "亩", "area_development"),
    ("污染土壤修复治理", "亩", "contaminated_soil_remediation"),
])
def test_general_kinds_of_local_counts(cat: Catalogue, name: str, unit: str, iid: str) -> None:
    """Counts a planner anywhere reports (grid events closed, lectures, plants closed) have ids."""
    assert cat.match(name, unit).id == iid


def test_an_area_word_names_development_only_with_an_area_unit(cat: Catalogue) -> None:
    assert cat.match("南湖片区", "亿元") is None
    assert cat.match("南湖片区", None) is None


def test_unit_breaks_ties_between_rate_and_count(cat: Catalogue) -> None:
    assert cat.match("空气质量优良天数", "天").id == "air_quality_good_days"
    assert cat.match("空气质量优良天数比率", "%").id == "air_quality_good_days_ratio"
    assert cat.match("城区环境空气质量优良率").id == "air_quality_good_days_ratio"


def test_contained_match_needs_a_compatible_unit(cat: Catalogue) -> None:
    # a count of projects is not 实际利用外资 (亿美元), and an amount is not a count of projects
    assert cat.match("引入外商直接投资项目", "个").id == "fdi_projects"
    assert cat.match("外商直接投资", "个") is None
    assert cat.match("外商直接投资项目", "亿美元").id == "actual_foreign_investment"
    # one printed name, two quantities: the unit decides
    assert cat.match("发放住房租赁补贴", "户").id == "rental_subsidy_households"
    assert cat.match("发放住房租赁补贴", "万元").id == "rental_subsidy_amount"
    assert cat.match("建档立卡贫困户", "户").id == "poverty_exit_households"
    assert cat.match("建档立卡贫困户", "人").id == "poverty_exit_population"
    assert cat.match("粮食综合生产能力", "亿斤").id == "grain_capacity"  # weight is weight
    assert cat.match("白沙洲工业园区全社会固定资产投资年均增长", "%").id == "fixed_asset_investment"
    assert cat.match("轨道交通城片区新增标准厂房", "万平方米").id == "standard_factories"


@pytest.mark.parametrize(("printed", "unit", "iid"), [
    ("白沙洲工业园区实现技工贸总收入", "亿元", "park_revenue"),  # a light verb inside the name
    ("娄底高新区园区年产值", "亿元", "park_output"),
    ("大数据产业集群实现产值", "亿元", "industry_cluster_output"),
    ("贫困村全部出列", "个", "poverty_village_exit"),  # an adverb inside the name
    ("入驻各类金融机构", "家", "financial_institutions"),
    ("超额完成省下达我市粮食产量", "万吨", "grain_output"),  # the synonym is the name's head
    ("新建城区幼儿园", "所", "kindergartens"),
    ("改扩建普通高中学校", "所", "schools"),
    ("新建中等职业教育院校", "所", "vocational_schools"),
    ("改扩建公路里程", "公里", "road_construction"),
    ("7人制足球场", "片", "football_pitches"),
    ("新建微绿地", "块", "pocket_parks"),
    ("招商引资实际到位资金", "亿元", "investment_funds_in_place"),
    ("每千人口医疗卫生机构床位数", "张", "hospital_beds_per_1000"),
    ("万元GDP用水量比2020年下降", "%", "water_intensity"),
])
def test_local_plan_quantities_are_recognised(cat: Catalogue, printed: str, unit: str, iid: str) -> None:
    hit = cat.match(printed, unit)
    assert hit is not None and hit.id == iid, (printed, fold_name(printed), hit)


@pytest.mark.parametrize(("printed", "unit", "iid"), [
    ("城镇居民收入", "%", "urban_disposable_income"),  # 人均可支配 dropped, as reports often do
    ("农村居民收入", "元", "rural_disposable_income"),
    ("全市农村居民人均收入", "%", "rural_disposable_income"),
    ("城乡居民收入", "%", "disposable_income"),
    ("城乡居民收入比", None, "urban_rural_income_ratio"),  # the ratio stays its own quantity
    ("居民消费价格指数", "%", "cpi_increase"),
    ("居民消费价格指数（CPI）", None, "cpi_increase"),
    ("CPI", "%", "cpi_increase"),
    ("居民消费价格上涨", "%", "cpi_increase"),
])
def test_short_income_and_price_names_link(cat: Catalogue, printed: str, unit: str | None, iid: str) -> None:
    hit = cat.match(printed, unit)
    assert hit is not None and hit.id == iid, (printed, fold_name(printed), hit)


def test_cpi_is_a_ceiling_on_growth(cat: Catalogue) -> None:
    """控制在3%左右: the price rise is capped, so lower is better and goals are rates."""
    cpi = cat.match("居民消费价格指数", "%")
    assert cpi is not None and (cpi.direction, cpi.metric) == ("lower", "growth")


def test_other_price_indices_are_not_cpi(cat: Catalogue) -> None:
    assert cat.match("工业生产者出厂价格指数", "%") is None


def test_head_noun_names_a_quantity_only_with_its_unit(cat: Catalogue) -> None:
    assert cat.match("输变电设备专业园区(", "平方公里").id == "park_area"
    assert cat.match("现代物流产业园(总面积", "平方公里").id == "park_area"
    assert cat.match("输变电设备专业园区", "亿元") is None
    assert cat.match("输变电设备专业园区", "%") is None
    assert cat.match("输变电设备专业园区") is None


@pytest.mark.parametrize("printed", ["城镇社会消费品零售总额", "人均财政民生支出", "每万人口高新技术企业数",
                                     "规模以上高新技术企业", "人均常住人口城镇化率"])
def test_a_qualifier_makes_another_quantity(cat: Catalogue, printed: str) -> None:
    """人均X, 每万人口X, 规模以上X, 城镇X are not X; without an entry of their own they match nothing."""
    assert cat.match(printed) is None, (printed, cat.match(printed))


def test_a_name_joining_two_quantities_is_neither(cat: Catalogue) -> None:
    assert cat.match("地区生产总值和城乡居民人均可支配收入比2010年", "%") is None
    assert cat.match("众创空间、星创天地", "家").id == "incubators"  # two names of one quantity
    assert cat.match("国家级、省级创新创业基地", "家").id == "entrepreneurship_bases"


def test_share_shaped_name_does_not_fall_back_to_its_numerator(cat: Catalogue) -> None:
    # "X占Y比重" is a share; its numerator's level indicator is not an acceptable match
    assert cat.match("金融业增加值占GDP比重") is None
    assert cat.match("金融业增加值").id == "financial_va"


@pytest.mark.parametrize(("name", "metric"), [
    ("地区生产总值增长率", "growth"), ("地区生产总值(GDP)平均增速", "growth_avg"),
    ("单位GDP能耗降幅", "change_total"), ("单位GDP能源消耗累计降低", "change_total"),
    ("制造业增加值占GDP比重", "share"), ("地区生产总值", None),
])
def test_metric_hint_reads_how_a_value_is_stated(name: str, metric: str | None) -> None:
    assert metric_hint(name) == metric


def test_gold_prose_indicator_names_match_rate(cat: Catalogue, gold: dict) -> None:
    """Statistical prose items (money, % and the main counts) mostly link to the catalogue.

    The gold files also hold hundreds of one-off project counts (口袋公园, 网格事件, 房屋签约)
    that no catalogue should pretend to know; the rate over *all* items is reported, the rate
    over items stated in money or percent is asserted.
    """
    all_items = [x for g in gold.values() for k in ("targets", "observations") for x in g[k]]
    stat = [x for x in all_items if (x.get("unit") or "") in {"%", "亿元", "万元", "元"}]
    misses = [x["indicator"] for x in stat if cat.match(x["indicator"], x.get("unit")) is None]
    rate_all = sum(cat.match(x["indicator"], x.get("unit")) is not None for x in all_items) / len(all_items)
    rate_stat = 1 - len(misses) / len(stat)
    print(f"matched: all items {rate_all:.2%} of {len(all_items)}, money/percent items {rate_stat:.2%}"
          f" of {len(stat)}; misses: {sorted(set(misses))}")
    assert rate_all >= 0.68
    assert rate_stat >= 0.80


def test_user_toml_extends_the_catalogue(tmp_path) -> None:
    extra = tmp_path / "mine.toml"
    extra.write_text(textwrap.dedent("""
        [[indicator]]
        id = "night_market_stalls"
        name = "夜市摊位数"
        synonyms = ["夜市摊位"]
        unit = "个"
        category = "政府治理"
        direction = "higher"
        metric = "count"

        [[indicator]]
        id = "gdp"
        synonyms = ["经济总产出"]
    """), encoding="utf-8")
    code = textwrap.dedent("""
        from planwatch.link.catalogue import default_catalogue
        c = default_catalogue()
        print(c.match("夜市摊位").id, c.match("经济总产出").id, c.get("gdp").name, c.match("GDP").id)
    """)
    env_run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                             env={"PLANWATCH_CATALOGUE": str(extra), "PATH": ""})
    assert env_run.stdout.split() == ["night_market_stalls", "gdp", "地区生产总值", "gdp"]
    direct = Catalogue.load(DEFAULT_PATH, extra)
    assert len(direct) == len(default_catalogue()) + 1
    assert {"经济总产出", "生产总值"} <= set(direct.get("gdp").synonyms)
    assert direct.match("夜市摊位").unit == "个"


def test_entry_without_name_is_rejected(tmp_path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[[indicator]]\nid = "x"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="no name"):
        Catalogue.load(bad)
