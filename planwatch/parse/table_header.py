"""What an indicator table's header says: its kind and the field each column holds.

Two kinds of table share one vocabulary. A plan's 主要指标 has 2020 (基期) | 2025 (目标) |
年均增速 columns; a completion review (完成情况) has the old plan's 目标 and 年均增长, then the
final year's 总量 and 增速, the five-year 平均增速, the 差距 and a status word. A flattened
scrape prints group headers (十三五规划目标, 完成情况分析) in line with the leaf headers, so
group cells are recognised and dropped: the leaves are what the values line up with.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from planwatch.parse.table_parts import fold_cell, is_unit_only

# Field names are IndicatorRow's where a column maps onto one; "status" fills status_text,
# "ignore" swallows a column (备注) so its cells do not shift the others.
VALUE_FIELDS = ("attribute", "unit", "baseline", "target", "annual_growth", "target_growth", "actual",
                "actual_growth", "actual_avg_growth", "gap", "status", "ignore")
LEAD_FIELDS = ("category", "seq", "name")

# Ordered (field, pattern) rules for one header cell; the first that matches wins. Growth and
# year columns need the table kind and their position, so they are decided in code below.
_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple((f, re.compile(p)) for f, p in (
    ("group", r"分析$|^目标值?及?完成情况$"),
    ("category", r"类别|分类|领域|类型|板块"),
    ("seq", r"^序号$|^编号$|^序$|^No\.?$"),
    ("attribute", r"属性|性质"),
    ("unit", r"^(?:计量)?单位$"),
    ("ignore", r"备注|说明|责任单位|牵头单位|数据来源"),
    ("gap", r"差距|差值|相差|比较|增减"),
    ("status", r"评价|是否完成|完成情况|实现情况|进展情况|进度|状态|结论|完成度"),
    ("name", r"^(?:主要|具体)?(?:指标|项目)(?:名称)?(?:及单位|\(单位\))?$|^名称$|^指标内容$"),
))
_GROWTH = re.compile(r"增速|增长|增幅|年均|平均")
_YEAR = re.compile(r"(?:19|20)\d{2}")
_TARGET_WORDS = re.compile(r"目标|规划|计划|预期值|预期|预计")
_ACTUAL_WORDS = re.compile(r"实际|完成|实现|总量|现状")
_BASE_WORDS = re.compile(r"基期|基数|现状|基础")
# Words that make a table a completion review rather than a plan's indicator list.
_REVIEW_TITLE = re.compile(r"完成情况|实现情况|评估|回顾|总结")
_REVIEW_WORDS = re.compile(r"完成情况|实现情况|完成值|实际完成|差距|评价|是否完成|完成率|评估|五年平均")
# A header cell at all (used to tell where a flattened header ends and the body begins).
HEADER_WORD = re.compile(
    r"类别|分类|领域|序号|编号|指标|名称|属性|单位|目标|增速|增长|年均|基期|现状|实际|完成|情况|差距|规划|"
    r"预期值|备注|总量|年份|比较|评价|说明|^(?:19|20)\d{2}年?"
)


@dataclass(frozen=True)
class HeaderReading:
    """The reading of a header: table kind, the column fields in order, and the years."""

    kind: str  # plan_indicators | completion_review
    fields: tuple[str, ...]  # one per kept header cell
    baseline_year: int | None
    target_year: int | None
    years: tuple[int | None, ...] = ()  # the year printed in each kept header cell

    def years_of(self, field: str) -> tuple[int, ...]:
        return tuple(y for f, y in zip(self.fields, self.years, strict=False) if f == field and y)


def is_header_cell(text: str) -> bool:
    s = fold_cell(text)
    return bool(s) and (HEADER_WORD.search(s) is not None or is_unit_only(s)) and len(s) <= 24


def merge_unit_cells(cells: Sequence[str]) -> list[str]:
    """Attach unit-only cells ("%", "(%)") to the header cell before them."""
    out: list[str] = []
    for cell in cells:
        if out and is_unit_only(cell) and not _RULES[4][1].search(fold_cell(cell)):
            out[-1] = f"{out[-1]}({fold_cell(cell).strip('()（）')})"
        else:
            out.append(cell)
    return out


def table_kind(title: str | None, header: Sequence[str]) -> str:
    text = fold_cell((title or "") + "|" + "|".join(header))
    return "completion_review" if _REVIEW_WORDS.search(text) else "plan_indicators"


def read_header(cells: Sequence[str], title: str | None = None, groups: Sequence[str] | None = None,
                drop_groups: bool = True) -> HeaderReading:
    """Fields of the header cells. ``groups`` (for real tables) gives each column's group text
    (the spanning cell above it), which decides the side of a growth column in a review."""
    kind = table_kind(title, [*cells, *(groups or [])])
    reading = _read_fields(cells, groups, kind, drop_groups)
    if kind == "completion_review" and not _REVIEW_TITLE.search(fold_cell(title or "")) \
            and _looks_forward(reading):
        # "2020年完成值 | 2025年目标值": a plan whose baseline is last year's actual
        reading = _read_fields(cells, groups, "plan_indicators", drop_groups)
    return reading


def _looks_forward(reading: HeaderReading) -> bool:
    """A review-worded header whose target lies after its actuals, with nothing judged."""
    judged = {"gap", "status", "actual_growth"} & set(reading.fields)
    targets, actuals = reading.years_of("target"), reading.years_of("actual")
    return not judged and bool(targets) and bool(actuals) and min(targets) > max(actuals)


def _read_fields(cells: Sequence[str], groups: Sequence[str] | None, kind: str, drop_groups: bool) -> HeaderReading:
    review = kind == "completion_review"
    raw: list[str] = []
    years: list[int | None] = []
    seen_actual = seen_attr = False
    for i, cell in enumerate(cells):
        s = fold_cell(cell)
        group = fold_cell(groups[i]) if groups else ""
        year_m = _YEAR.search(s)
        years.append(int(year_m.group()) if year_m else None)
        field = _rule_field(s, skip_group=not drop_groups)
        if field is None and _GROWTH.search(s):
            field = _growth_field(s, group, review, seen_actual or (review and seen_attr and not groups))
        elif field is None and (year_m or _TARGET_WORDS.search(s) or _ACTUAL_WORDS.search(s)):
            field = _level_field(s, group, review, bool(year_m))
        if field in ("actual", "actual_growth", "actual_avg_growth"):
            seen_actual = True
        seen_attr = seen_attr or field == "attribute"
        raw.append(field or "ignore")
    fields, years = _drop_groups(raw, years) if drop_groups else (raw, years)
    return _with_years(kind, fields, years)


def _rule_field(s: str, skip_group: bool) -> str | None:
    for field, pattern in _RULES:
        if field == "group" and skip_group:
            continue  # on a real grid a leaf such as 规划目标 is a column, not a group
        if pattern.search(s):
            return field
    return None


def _growth_field(s: str, group: str, review: bool, after_actual: bool) -> str:
    if not review:
        return "annual_growth"
    if _YEAR.search(s) and not re.search(r"年均|平均", s):
        return "actual_growth"
    if re.search(r"五年|实际|完成|实现", s) or _ACTUAL_WORDS.search(group) or after_actual:
        return "actual_avg_growth"
    return "target_growth"


def _level_field(s: str, group: str, review: bool, has_year: bool) -> str:
    if _TARGET_WORDS.search(s) and not _ACTUAL_WORDS.search(s):
        return "target"
    if re.search(r"基期|基数|基础值|基准", s):
        return "baseline"
    if review:
        if _ACTUAL_WORDS.search(s) or _ACTUAL_WORDS.search(group) or has_year:
            return "target" if _TARGET_WORDS.search(group) and not _ACTUAL_WORDS.search(group) else "actual"
        return "target"
    if _BASE_WORDS.search(s) or _ACTUAL_WORDS.search(s):
        return "baseline"
    return "year" if has_year else "target"


def _drop_groups(raw: list[str], years: list[int | None]) -> tuple[list[str], list[int | None]]:
    """Drop group cells, and a cell whose field a later leaf repeats (十三五规划目标 … 预期目标)."""
    keep = []
    for i, field in enumerate(raw):
        if field == "group":
            continue
        later = raw[i + 1:]
        if field in ("target", "status") and field in later and later.index(field) <= 3:
            continue
        keep.append(i)
    return [raw[i] for i in keep], [years[i] for i in keep]


def _with_years(kind: str, fields: list[str], years: list[int | None]) -> HeaderReading:
    """Give bare year columns of a plan table their meaning: earliest baseline, next target."""
    out = list(fields)
    plain = sorted({y for f, y in zip(fields, years, strict=True) if f == "year" and y})
    base_year = target_year = None
    for i, (field, year) in enumerate(zip(fields, years, strict=True)):
        if field == "year":
            if year is not None and plain and year == plain[0] and len(plain) > 1:
                out[i] = "baseline"
            elif len(plain) == 1 or (year is not None and year == plain[1]):
                out[i] = "target"
            else:
                out[i] = "ignore"
        if out[i] == "baseline" and year:
            base_year = base_year or year
        if out[i] in ("target", "actual") and year:
            target_year = target_year or year
    return HeaderReading(kind, tuple(out), base_year, target_year, tuple(years))
