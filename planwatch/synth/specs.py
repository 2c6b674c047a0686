"""The indicators the synthetic corpus speaks about (合成语料的指标清单), as data.

Each entry says how a fictional region's numbers for one indicator behave: the names the
documents may use for it, its unit and printed precision, which way is better, its attribute
(预期性 / 约束性), what kind of target a plan sets for it and the range its baseline is drawn
from. ``indicator_id`` is the id in ``planwatch/data/indicators.toml`` so truth items link to
the same catalogue the extractor links to.

Kinds:

* ``growth``: a level (亿元, 元) reported with its annual growth; the plan sets an average
  annual growth (growth_avg) and, in its table, the level for the target year;
* ``growth_only``: only growth rates are ever reported (固定资产投资增长 8%);
* ``level``: a level, share or count with a straight-line path to the target;
* ``qualitative``: a target without a number (完成上级下达任务), judged by a person.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class IndicatorSpec:
    """One indicator of the synthetic world (指标) and how its numbers are drawn."""

    key: str
    indicator_id: str
    names: tuple[str, ...]  # names[0] is used in tables; the others vary the prose
    unit: str
    kind: str  # growth | growth_only | level | qualitative
    category: str
    attribute: str = "expected"  # expected (预期性) | binding (约束性)
    lower_is_better: bool = False
    decimals: int = 1
    base: tuple[float, float] = (0.0, 0.0)  # baseline range (level) — drawn, then printed
    gain: tuple[float, float] = (0.0, 0.0)  # target − baseline over the period (level kind)
    growth: tuple[float, float] = (0.0, 0.0)  # planned average annual growth, % (growth kinds)
    comparator: str = "eq"  # how the plan's target for the period is stated
    qualitative_text: str = ""


SPECS: tuple[IndicatorSpec, ...] = (
    IndicatorSpec("gdp", "gdp", ("地区生产总值", "生产总值", "GDP"), "亿元", "growth", "经济发展",
                  decimals=2, base=(120, 650), growth=(6.0, 8.0), comparator="approx"),
    IndicatorSpec("revenue", "general_budget_revenue", ("一般公共预算收入", "地方一般公共预算收入"),
                  "亿元", "growth", "经济发展", decimals=2, base=(6, 45), growth=(5.0, 8.0),
                  comparator="ge"),
    IndicatorSpec("investment", "fixed_asset_investment", ("固定资产投资", "全社会固定资产投资"),
                  "%", "growth_only", "经济发展", growth=(7.0, 10.0), comparator="approx"),
    IndicatorSpec("retail", "retail_sales", ("社会消费品零售总额", "社会消费品零售额"), "亿元",
                  "growth", "经济发展", decimals=2, base=(40, 260), growth=(6.0, 9.0)),
    IndicatorSpec("urbanization", "urbanization_rate", ("常住人口城镇化率", "城镇化率"), "%",
                  "level", "经济发展", decimals=2, base=(42, 62), gain=(4, 7), comparator="ge"),
    IndicatorSpec("rd_share", "rd_intensity", ("全社会研发经费投入占地区生产总值比重",
                                               "研发经费投入强度", "R&D经费投入强度"), "%",
                  "level", "创新驱动", decimals=2, base=(1.2, 2.2), gain=(1.0, 1.6)),
    IndicatorSpec("patents", "high_value_invention_patents", ("每万人口高价值发明专利拥有量",
                                                            "每万人高价值发明专利拥有量"),
                  "件", "level", "创新驱动", decimals=2, base=(0.8, 3.0), gain=(1.5, 3.0)),
    IndicatorSpec("urban_income", "urban_disposable_income", ("城镇居民人均可支配收入",),
                  "元", "growth", "民生福祉", decimals=0, base=(30000, 46000), growth=(6.5, 7.5)),
    IndicatorSpec("rural_income", "rural_disposable_income", ("农村居民人均可支配收入",),
                  "元", "growth", "民生福祉", decimals=0, base=(14000, 22000), growth=(7.5, 9.0)),
    IndicatorSpec("unemployment", "surveyed_unemployment_rate", ("城镇调查失业率", "调查失业率"),
                  "%", "level", "民生福祉", lower_is_better=True, decimals=1, base=(3.2, 4.6),
                  gain=(-0.6, -0.3), comparator="le"),
    IndicatorSpec("doctors", "doctors_per_1000", ("每千人口拥有执业(助理)医师数",
                                                  "每千人口执业（助理）医师数"), "人", "level",
                  "民生福祉", decimals=2, base=(2.2, 3.0), gain=(0.5, 0.9), comparator="ge"),
    IndicatorSpec("schooling", "schooling_years", ("劳动年龄人口平均受教育年限",), "年",
                  "level", "民生福祉", decimals=2, base=(9.8, 10.8), gain=(0.6, 0.9)),
    IndicatorSpec("forest", "forest_coverage", ("森林覆盖率",), "%", "level", "绿色生态",
                  attribute="binding", decimals=2, base=(38, 66), gain=(1.2, 2.5), comparator="ge"),
    IndicatorSpec("air", "air_quality_good_days_ratio", ("空气质量优良天数比率", "空气质量优良率"), "%",
                  "level", "绿色生态", attribute="binding", decimals=1, base=(82, 90),
                  gain=(3.5, 6.0), comparator="ge"),
    IndicatorSpec("energy", "energy_intensity", ("单位地区生产总值能耗", "单位GDP能耗"),
                  "吨标准煤/万元", "level", "绿色生态", attribute="binding",
                  lower_is_better=True, decimals=3, base=(0.55, 0.95), gain=(-0.16, -0.1),
                  comparator="le"),
    IndicatorSpec("pollutants", "major_pollutant_reduction", ("主要污染物排放总量减少",
                                                              "主要污染物减排"),
                  "%", "qualitative", "绿色生态", attribute="binding",
                  qualitative_text="完成省下达的目标任务"),
    IndicatorSpec("co2", "carbon_intensity", ("单位地区生产总值二氧化碳排放降低",
                                                   "单位GDP二氧化碳排放降低"),
                  "%", "qualitative", "绿色生态", attribute="binding",
                  qualitative_text="完成省定目标任务"),
    IndicatorSpec("grain", "grain_output", ("粮食总产量", "粮食产量"), "万吨", "level", "安全保障",
                  decimals=2, base=(18, 60), gain=(1.0, 3.0), comparator="ge"),
)

SPEC_BY_KEY: dict[str, IndicatorSpec] = {s.key: s for s in SPECS}

RATE_UNITS = frozenset({"%", "个百分点"})


def is_rate(unit: str | None, metric: str) -> bool:
    """Whether STATUS_SPEC's percentage-point tolerances apply (rates and all growth metrics)."""
    return metric in ("growth", "growth_avg") or unit in RATE_UNITS
