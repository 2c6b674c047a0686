"""Status boundaries, directions, tolerances, progress paths, warnings and SDG grades (STATUS_SPEC)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planwatch.evaluate.judge import goal_direction, judge_final, judge_progress, judge_rate_progress, make_goal
from planwatch.evaluate.model import Settings, SourceRef, TargetInfo
from planwatch.evaluate.progress import Series, expected_now, judge_target, realised
from planwatch.evaluate.sdg import assess_sdg, sdg_grade
from planwatch.evaluate.status import STATUSES, parse_printed_status
from planwatch.evaluate.units import convert, split_unit
from planwatch.evaluate.warning import assess_warning

S = Settings()
D = Decimal


def goal(value=None, comparator="eq", direction="higher", unit="%", metric="share", low=None, high=None):
    g = make_goal(comparator, None if value is None else D(str(value)), None if low is None else D(str(low)),
                  None if high is None else D(str(high)), direction, unit, metric)
    assert g is not None
    return g


def final(actual, g):
    return judge_final(D(str(actual)), g, S)


@pytest.mark.parametrize(("actual", "status"), [
    ("60.1", "exceeded"), ("60.09", "met"), ("59.9", "met"), ("59.89", "nearly_met"), ("59.5", "nearly_met"),
    ("59.49", "missed"),
])
def test_rate_boundaries_higher(actual, status):
    assert final(actual, goal(60)) == status


@pytest.mark.parametrize(("actual", "status"), [
    ("1010", "exceeded"), ("1009.9", "met"), ("990", "met"), ("989.9", "nearly_met"), ("950", "nearly_met"),
    ("949.9", "missed"),
])
def test_level_boundaries_are_relative(actual, status):
    assert final(actual, goal(1000, unit="亿元", metric="level")) == status


@pytest.mark.parametrize(("actual", "status"), [
    ("4.3", "exceeded"), ("4.31", "met"), ("4.5", "met"), ("4.51", "nearly_met"), ("4.9", "nearly_met"),
    ("4.91", "missed"),
])
def test_ceiling_is_mirrored(actual, status):
    assert final(actual, goal(4.4, comparator="le", direction=goal_direction("le", None))) == status


def test_le_is_a_ceiling_and_ge_a_floor_whatever_the_catalogue_says():
    assert goal_direction("le", "higher") == "lower"
    assert goal_direction("ge", "lower") == "higher"
    assert goal_direction("eq", "lower") == "lower"
    assert goal_direction(None, None) == "higher"
    # a decline stated as a positive number (单位GDP能耗下降 13.5%): more decline is better
    assert goal_direction("eq", "lower", "change_total", "单位GDP能源消耗下降", "%") == "higher"


@pytest.mark.parametrize(("actual", "status"), [
    ("8.1", "met"), ("7.9", "met"), ("8.11", "exceeded"), ("7.89", "nearly_met"), ("7.49", "missed"),
])
def test_approx_band(actual, status):
    assert final(actual, goal(8, comparator="approx", metric="growth_avg")) == status


@pytest.mark.parametrize(("actual", "status"), [
    ("6.5", "met"), ("5.9", "met"), ("7.1", "met"), ("7.11", "exceeded"), ("5.89", "nearly_met"),
    ("5.5", "nearly_met"), ("5.49", "missed"),
])
def test_range(actual, status):
    assert final(actual, goal(comparator="range", low=6, high=7, metric="growth")) == status


def test_range_lower_direction():
    g = goal(comparator="range", low=3, high=4, direction="lower")
    assert final("2.8", g) == "exceeded"
    assert final("3.5", g) == "met"
    assert final("4.3", g) == "nearly_met"
    assert final("4.6", g) == "missed"


def test_progress_statuses_and_achieved_early():
    g = goal(60)
    assert judge_progress(D("60"), D("55"), g, S, can_achieve_early=True) == "achieved_early"
    assert judge_progress(D("56"), D("55"), g, S, True) == "ahead"
    assert judge_progress(D("55.05"), D("55"), g, S, True) == "on_track"
    assert judge_progress(D("54.5"), D("55"), g, S, True) == "on_track"
    assert judge_progress(D("54.49"), D("55"), g, S, True) == "lagging"
    low = goal(5, direction="lower")
    assert judge_progress(D("5.6"), D("5.3"), low, S, True) == "on_track"
    assert judge_progress(D("5.81"), D("5.3"), low, S, True) == "lagging"
    assert judge_progress(D("5.15"), D("5.3"), low, S, True) == "ahead"
    assert judge_progress(D("5.1"), D("5.3"), low, S, True) == "achieved_early"


def test_growth_progress_compares_with_the_target_itself():
    g = goal(7.5, metric="growth_avg")
    assert judge_rate_progress(D("7.6"), g, S) == "ahead"
    assert judge_rate_progress(D("7.1"), g, S) == "on_track"
    assert judge_rate_progress(D("6.99"), g, S) == "lagging"


def info(metric="level", value="200", year=2025, base_year=2020, unit="亿元", comparator="eq", attribute=None,
         baseline=None, text=None, low=None, high=None):
    return TargetInfo(indicator="地区生产总值", indicator_id="gdp", metric=metric, comparator=comparator,
                      value=None if value is None else D(value), low=low, high=high, unit=unit, year=year,
                      base_year=base_year, attribute=attribute, source=SourceRef(None, None, None), text=text,
                      baseline=None if baseline is None else D(baseline), baseline_unit=unit)


def test_level_path_expected_now():
    t = info()
    g = goal(200, unit="亿元", metric="level")
    assert expected_now(t, g, D(100), 2023) == D(160)
    j = judge_target(t, g, Series(levels={2020: D(100), 2023: D(149)}), D(100), 2023, S)
    assert (j.status, j.expected_now, j.gap, j.year) == ("lagging", D(160), D(-11), 2023)
    assert judge_target(t, g, Series(levels={2023: D(150)}), D(100), 2023, S).status == "on_track"  # E − near
    j = judge_target(t, g, Series(levels={2023: D(158.5)}), D(100), 2023, S)
    assert j.status == "on_track"


def test_growth_avg_from_levels_and_from_rates():
    t = info(metric="growth_avg", value="7", unit="%")
    t = TargetInfo(**{**t.__dict__, "baseline_unit": "亿元"})
    g = goal(7, metric="growth_avg")
    s = Series(levels={2022: D("114.49")})
    assert realised(t, s, 2022, D(100)) == D("7.0000")
    rates = Series(growth={2021: D(6), 2022: D(7), 2023: D(8)})
    assert realised(t, rates, 2023, None) == D(7)
    assert judge_target(t, g, rates, None, 2023, S).status == "on_track"


def test_final_growth_needs_the_target_year():
    t = info(metric="growth", value="6", year=2024, base_year=2023, unit="%")
    g = goal(6, metric="growth")
    assert judge_target(t, g, Series(growth={2024: D("6.2")}), None, 2024, S).status == "exceeded"
    assert judge_target(t, g, Series(growth={2023: D("6.2")}), None, 2024, S).status == "no_data"
    assert judge_target(t, g, Series(), None, 2024, S).status == "no_data"


def test_missing_target_year_falls_back_to_progress():
    t, g = info(), goal(200, unit="亿元", metric="level")
    j = judge_target(t, g, Series(levels={2024: D(181)}), D(100), 2025, S)
    assert j.basis == "progress" and j.year == 2024 and j.status == "on_track"


def test_qualitative_and_unquantified():
    manual = info(metric="qualitative", value=None, text="完成省定目标任务")
    vague = info(metric="qualitative", value=None, text="经济增长保持在合理区间")
    assert judge_target(manual, None, Series(), None, 2023, S).status == "manual"
    assert judge_target(vague, None, Series(), None, 2023, S).status == "unquantified"
    assert STATUSES["manual"].text == "需人工判断" and STATUSES["achieved_early"].text == "提前实现"


def test_level_without_baseline_is_insufficient_unless_reached():
    t, g = info(), goal(200, unit="亿元", metric="level")
    assert judge_target(t, g, Series(levels={2022: D(150)}), None, 2022, S).status == "insufficient_data"
    assert judge_target(t, g, Series(levels={2022: D(210)}), None, 2022, S).status == "achieved_early"


def test_warning_levels():
    g = goal(200, unit="亿元", metric="level")
    binding = info(attribute="binding")
    # lagging on the whole period and the year: red
    s = Series(levels={2021: D(110), 2022: D(115)})
    j = judge_target(binding, g, s, D(100), 2022, S)
    assert j.status == "lagging"
    w = assess_warning(binding, g, j, s, D(100), S)
    assert w is not None and w.level == 1 and "约束性指标滞后" in w.reasons
    # on track but below the path, reachable at the best pace: yellow
    expected = info()
    s2 = Series(levels={2021: D(125), 2022: D(139)})
    j2 = judge_target(expected, g, s2, D(100), 2022, S)
    assert j2.status == "on_track" and j2.expected_now == D(140)
    w2 = assess_warning(expected, g, j2, s2, D(100), S)
    assert w2 is not None and w2.level == 2
    # ahead: green
    s3 = Series(levels={2021: D(125), 2022: D(150)})
    j3 = judge_target(expected, g, s3, D(100), 2022, S)
    w3 = assess_warning(expected, g, j3, s3, D(100), S)
    assert j3.status == "ahead" and w3 is not None and w3.level == 3


def test_out_of_reach_at_the_best_recent_pace_is_red():
    g = goal(200, unit="亿元", metric="level")
    t = info()
    # on track now (E=160 in 2023 is within 5% of 200 = 10), but the best yearly gain (+10) leads to 185 by 2025
    s = Series(levels={2021: D(130), 2022: D(145), 2023: D(155), 2024: D(165)})
    j = judge_target(t, g, s, D(100), 2024, S)
    w = assess_warning(t, g, j, s, D(100), S)
    assert w is not None and w.projected == D(180) and w.level == 1
    assert "按近年最快进度也难以实现目标" in w.reasons


@pytest.mark.parametrize(("ratio", "grade"), [
    ("0.95", "on_track"), ("0.9499", "moderate"), ("0.5", "moderate"), ("0.4999", "limited"), ("0", "limited"),
    ("-0.01", "regression"),
])
def test_sdg_grades(ratio, grade):
    assert sdg_grade(D(ratio), S) == grade


def test_sdg_ratio_of_compound_rates():
    t, g = info(), goal(200, unit="亿元", metric="level")
    j = judge_target(t, g, Series(levels={2023: D("151.5")}), D(100), 2023, S)
    a = assess_sdg(t, g, j, D(100), S)
    assert a is not None and a.grade == "on_track" and D("0.95") < a.ratio < D("1.05")
    low = info(unit="%")
    gl = goal(4, direction="lower", metric="level")
    jl = judge_target(low, gl, Series(levels={2023: D("5.2")}), D(5), 2023, S)
    al = assess_sdg(low, gl, jl, D(5), S)
    assert al is not None and al.grade == "regression"


def test_units_scale_and_refuse_to_mix():
    assert split_unit("亿元") == ("元", D(10) ** 8)
    assert convert(D("1.5"), "亿元", "万元") == D(15000)
    assert convert(D(3), "亿元", "%") is None
    assert parse_printed_status("超额完成") == "exceeded" and parse_printed_status("未完成") == "missed"


def test_change_total_compounds_yearly_declines():
    from planwatch.evaluate.engine import evaluate_targets
    from planwatch.link.linker import Evidence
    from planwatch.model import Observation, Span

    t = TargetInfo(indicator="单位GDP能耗降低", indicator_id="energy_intensity", metric="change_total",
                   comparator="eq", value=D("13.5"), low=None, high=None, unit="%", year=2025, base_year=2020,
                   attribute="binding", source=SourceRef(None, None, None), region="株洲市石峰区")

    def decline(year, value, name="单位GDP能源消耗下降", metric="change_total"):
        o = Observation(name, metric, D(value), "%", year, Span(0, 1), indicator_id="energy_intensity")
        return Evidence(o, SourceRef(f"b{year}", (0, 1), None, "bulletin"), "extracted", "bulletin", year,
                        str(year), "石峰区")

    evidence = [decline(2021, "3"), decline(2022, "3"), decline(2023, "-2", name="单位GDP能耗", metric="growth")]
    row = evaluate_targets([t], evidence, "石峰区", as_of=2023).rows[0]
    assert row.direction == "higher"  # a larger decline is better
    assert row.judgement.realised == D("7.7918")  # 1 − 0.97 × 0.97 × 0.98
    assert row.judgement.expected_now == D("8.1") and row.status == "on_track"
    assert row.actual is not None and row.actual.value == D(-2) and row.actual.year == 2023
    assert row.veto is False
    worse = evaluate_targets([t], [*evidence[:2], decline(2023, "1", name="单位GDP能耗", metric="growth")],
                             "石峰区", as_of=2023).rows[0]
    assert worse.status == "lagging" and worse.veto is True and worse.warning is not None
    assert worse.warning.level == 1


def test_sdg_for_growth_targets_and_a_kept_baseline():
    t = info(metric="growth_avg", value="6", unit="%")
    g = goal(6, metric="growth_avg")
    j = judge_target(t, g, Series(growth={2021: D(3), 2022: D(3)}), None, 2022, S)
    a = assess_sdg(t, g, j, None, S)
    assert a is not None and a.ratio == D("0.5") and a.grade == "moderate"
    keep = info(value="100", unit="%")
    gk = goal(100, metric="level")
    jk = judge_target(keep, gk, Series(levels={2022: D(99)}), D(100), 2022, S)
    ak = assess_sdg(keep, gk, jk, D(100), S)
    assert ak is not None and ak.ratio is None and ak.grade == "regression"


def test_approx_and_ceiling_can_be_achieved_early():
    t = info(value="60", unit="%", metric="share", comparator="approx")
    g = goal(60, comparator="approx")
    assert judge_target(t, g, Series(levels={2022: D("60.05")}), D(50), 2022, S).status == "achieved_early"
    ceiling = info(value="5", unit="%", metric="share", comparator="le")
    gc = goal(5, comparator="le", direction="lower")
    assert judge_target(ceiling, gc, Series(levels={2022: D("4.8")}), D("5.5"), 2022, S).status == "achieved_early"
    assert judge_target(ceiling, gc, Series(levels={2022: D("5.6")}), D("5.5"), 2022, S).status == "on_track"
    assert judge_target(ceiling, gc, Series(levels={2022: D("5.9")}), D("5.5"), 2022, S).status == "lagging"


def test_growth_warning_uses_the_compounded_annual_schedule():
    t = info(metric="growth_avg", value="7", unit="%")
    g = goal(7, metric="growth_avg")
    # 7.0 then 5.0: the average 6.0 lags 7; on the annual schedule 7.0 was still required
    s = Series(growth={2021: D(7), 2022: D(5)})
    j = judge_target(t, g, s, None, 2022, S)
    assert j.status == "lagging" and j.realised == D(6)
    w = assess_warning(t, g, j, s, None, S)
    assert w is not None and w.annual_expected == D("7.0000") and w.projected == D("6.5989")
    assert w.level == 1 and w.reasons == ("滞后于规划期序时进度", "滞后于年度进度", "按近年最快进度也难以实现目标")
    # 9.0 then 5.3: the average 7.15 is ahead of the period path, but 2022 fell behind the annual
    # schedule (the 6.5 % a year still required from 2021 would have made the average 7.75): yellow
    s2 = Series(growth={2021: D(9), 2022: D("5.3")})
    j2 = judge_target(t, g, s2, None, 2022, S)
    w2 = assess_warning(t, g, j2, s2, None, S)
    assert j2.status == "ahead" and w2 is not None
    assert (w2.level, w2.reasons) == (2, ("滞后于年度进度",))


RANK = {"missed": 0, "nearly_met": 1, "met": 2, "exceeded": 3}
decimals = st.decimals(min_value=-1000, max_value=1000, places=2, allow_nan=False, allow_infinity=False)


@given(a=decimals, b=decimals, t=decimals, rate=st.booleans())
def test_direction_is_a_mirror_and_status_is_monotone(a, b, t, rate):
    unit = "%" if rate else "亿元"
    higher = make_goal("eq", t, None, None, "higher", unit, "level")
    lower = make_goal("eq", -t, None, None, "lower", unit, "level")
    assert higher is not None and lower is not None
    assert judge_final(a, higher, S) == judge_final(-a, lower, S)
    lo, hi = min(a, b), max(a, b)
    assert RANK[judge_final(lo, higher, S)] <= RANK[judge_final(hi, higher, S)]
    assert RANK[judge_final(lo, lower, S)] >= RANK[judge_final(hi, lower, S)]


def _evidence(name, iid, metric, value, unit, year, doc_type="bulletin"):
    from planwatch.link.linker import Evidence
    from planwatch.model import Observation, Span

    o = Observation(name, metric, D(value), unit, year, Span(0, 1), indicator_id=iid)
    return Evidence(o, SourceRef(f"{doc_type}{year}", (0, 1), None, doc_type), "extracted", doc_type, year,
                    str(year), "石峰区")


def test_units_are_scaled_before_comparing():
    from planwatch.evaluate.engine import evaluate_targets

    t = TargetInfo(indicator="一般公共预算收入", indicator_id="general_budget_revenue", metric="level",
                   comparator="ge", value=D("1.5"), low=None, high=None, unit="亿元", year=2025, base_year=2020,
                   attribute=None, source=SourceRef(None, None, None), baseline=D("1.0"), baseline_unit="亿元")
    evidence = [_evidence("一般公共预算收入", "general_budget_revenue", "level", "14000", "万元", 2025),
                _evidence("一般公共预算收入", "general_budget_revenue", "share", "7", "%", 2025, "news")]
    row = evaluate_targets([t], evidence, "石峰区", as_of=2025).rows[0]
    assert row.judgement.realised == D("1.4") and row.status == "missed"  # 1.4 < 1.5 − 5 %: never 14000 ≥ 1.5
    assert row.actual is not None and row.actual.unit == "万元" and row.alternatives == ()  # 7 % is not 亿元


def test_points_target_from_share_levels():
    from planwatch.evaluate.engine import evaluate_targets

    t = TargetInfo(indicator="常住人口城镇化率", indicator_id="urbanization_rate", metric="change_total",
                   comparator="eq", value=D(2), low=None, high=None, unit="个百分点", year=2025, base_year=2020,
                   attribute=None, source=SourceRef(None, None, None))
    evidence = [_evidence("常住人口城镇化率", "urbanization_rate", "share", "55", "%", 2020),
                _evidence("常住人口城镇化率", "urbanization_rate", "share", "56.5", "%", 2023)]
    row = evaluate_targets([t], evidence, "石峰区", as_of=2023).rows[0]
    # 提高 2 个百分点 over 2020–2025: 1.5 points by 2023 against 1.2 on the path
    assert row.baseline == D(55) and row.judgement.realised == D("1.5") and row.judgement.expected_now == D("1.2")
    assert row.status == "ahead"
