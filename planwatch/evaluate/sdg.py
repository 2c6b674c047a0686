"""The international method beside the Chinese one: the UN ESCAP / UNSD SDG progress assessment.

ESCAP's Asia and the Pacific SDG Progress Report ("anticipated progress", methodology annex)
compares the realised compound annual growth rate since the base year with the rate required
to reach the target by the target year:

    cr = (A / B)^(1 / (y − y0)) − 1        rr = (T / B)^(1 / (yT − y0)) − 1        ratio = cr / rr

For lower-is-better indicators the declines are compared (−cr against −rr, which is the same
ratio). For a growth_avg target, cr is the realised average growth and rr the target growth.
Grades: ratio ≥ 0.95 on track; 0.5 ≤ ratio < 0.95 moderate (acceleration needed);
0 ≤ ratio < 0.5 limited; ratio < 0 regression.
"""

from __future__ import annotations

from decimal import Decimal

from planwatch.evaluate.judge import path_bound
from planwatch.evaluate.model import Goal, Judgement, SdgAssessment, Settings, TargetInfo
from planwatch.evaluate.progress import compound_rate, tidy
from planwatch.evaluate.status import SDG_GRADES


def sdg_grade(ratio: Decimal, settings: Settings) -> str:
    if ratio >= settings.sdg_on_track:
        return "on_track"
    if ratio >= settings.sdg_moderate:
        return "moderate"
    return "limited" if ratio >= 0 else "regression"


def assess_sdg(target: TargetInfo, goal: Goal | None, judgement: Judgement, base: Decimal | None,
               settings: Settings) -> SdgAssessment | None:
    """The ESCAP grade of a quantified target with a baseline and a realised value, else None."""
    if goal is None or judgement.realised is None or judgement.year is None:
        return None
    y0, yT, y = target.base_year, target.year, judgement.year
    cr: Decimal | None
    rr: Decimal | None
    if target.metric == "growth_avg":
        cr, rr = judgement.realised, path_bound(goal)
    elif target.metric in ("level", "share", "count"):
        if base is None or y0 is None or yT is None or y <= y0 or yT <= y0:
            return None
        cr = compound_rate(judgement.realised / base, y - y0) if base > 0 else None
        rr = compound_rate(path_bound(goal) / base, yT - y0) if base > 0 else None
    else:
        return None
    if cr is None or rr is None:
        return None
    if rr == 0:
        # The target keeps the baseline: on track while not going backwards.
        worse = cr < 0 if goal.direction == "higher" else cr > 0
        grade = "regression" if worse else "on_track"
        return SdgAssessment(grade, SDG_GRADES[grade], None, tidy(cr), tidy(rr))
    ratio = tidy(cr / rr)
    assert ratio is not None
    grade = sdg_grade(ratio, settings)
    return SdgAssessment(grade, SDG_GRADES[grade], ratio, tidy(cr), tidy(rr))
