"""The pieces an indicator table is read into before its values are given their columns.

Whatever shape a table comes in (a real table block, aligned text, or a scrape that flattened
it to one cell per line and dropped the empty cells), the readers in ``grid_table`` and
``flat_table`` turn it into the same ``RawTable``: a title, the header's column fields and
rows of classified cells (``Token``). ``extract.row_fields`` then decides which value belongs
to which column. Cell classification lives here because both readers need it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Literal

from planwatch.model import Span

TokenKind = Literal["num", "range", "ratio", "qual", "status", "attr", "empty", "text"]

# 预期性 / 约束性, as printed in an attribute column.
ATTRIBUTES = {"预期性": "expected", "预期": "expected", "预期型": "expected",
              "约束性": "binding", "约束": "binding", "约束型": "binding"}
# Words a completion review prints for how a target went (also in a mid-term review).
STATUS_WORDS = frozenset({
    "超额完成", "完成", "基本完成", "未完成", "提前完成", "已完成", "没有完成", "接近完成", "完成目标",
    "达到", "未达到", "基本达到", "达标", "未达标", "实现", "未实现", "基本实现", "提前实现",
    "快于预期", "符合预期", "基本符合预期", "慢于预期", "滞后", "严重滞后", "超过预期",
})
# Status phrasings beyond the list: 超额完成目标, 未达到预期, 基本完成任务.
_STATUS = re.compile(r"^(?:超额|基本|提前|已|未|没有|接近|全面)?(?:完成|达到|实现|达标)(?:目标|预期|任务|计划)?$")
# A cell that stands for a value without being a number: 完成省定目标任务, 达到上级要求.
_QUALITATIVE = re.compile(
    r"^(?:完成|达到|实现|确保|满足|符合|控制在|不低于|不高于|按|以)\S*(?:目标|任务|要求|省定|市定|下达|上级|标准|范围)"
    r"|省定|市定|上级下达|^(?:[<>≥≤]|保持|高于|低于|快于|慢于|略高于|不低于|不高于)|同步$"
)
# Cells that hold a place in a column but say nothing: —, -, /, 无.
_PLACEHOLDER = re.compile(r"^(?:[-—–－/／\\]+|无|空|暂无|N/?A|…+)$")
# A number as printed, with the words that may stand around it in a cell.
_NUMBER = re.compile(r"[-+]?\d+(?:,\d{3})*(?:\.\d+)?")
_NUMERIC_CELL = re.compile(
    r"^(?:约|≥|≤|>|<|不低于|不高于|不少于|低于|高于|超过|控制在)?"
    r"(?P<num>[-+]?\d+(?:,\d{3})*(?:\.\d+)?)"
    r"(?:%|‰)?(?:以上|以下|以内|左右|及以上|或以上)?$"
)
_RATIO_CELL = re.compile(r"^\d+(?:\.\d+)?(?::\d+(?:\.\d+)?){1,3}$")
_RANGE_CELL = re.compile(r"^\d+(?:\.\d+)?%?(?:-|~|～|—|－|至)\d+(?:\.\d+)?%?$")
# A cumulative five-year value is printed in brackets in national-style tables: 〔13.5〕, [18].
_BRACKETED = re.compile(r"^[〔\[【(]\s*(.+?)\s*[〕\]】)]$")
_SEQ_CELL = re.compile(r"^[(（]?\d{1,3}[)）.、．]?$")


@dataclass(frozen=True)
class Token:
    """One classified cell: what kind of thing it is, its value and where it is printed."""

    kind: TokenKind
    text: str
    span: Span
    value: Decimal | None = None

    @property
    def is_int(self) -> bool:
        """Could be a sequence number: 1, 12, "3.", "(4)"."""
        return self.kind == "num" and self.value is not None and self.value >= 0 \
            and _SEQ_CELL.fullmatch(fold_cell(self.text)) is not None


@dataclass(frozen=True)
class RawRow:
    """A table row before its values have columns: name cell plus the value tokens in order.

    ``positional`` means every column has exactly one token (empty cells included), as in a
    real table; otherwise the tokens are what survived of the row, in column order.
    """

    name: str
    name_text: str  # the name cell as printed, unit bracket included
    unit: str | None
    span: Span
    tokens: tuple[Token, ...]
    seq: int | None = None
    category: str | None = None
    positional: bool = False


@dataclass
class RawTable:
    """A table found in a document: title, the fields of its value columns, and its rows."""

    title: str | None
    header: list[str]  # value-column header texts, in order (after the name column)
    span: Span
    rows: list[RawRow] = field(default_factory=list)
    groups: list[str] | None = None  # real tables: each column's spanning group header
    positional: bool = False  # rows carry one token per value column (real tables)


@lru_cache(maxsize=8192)  # the same cells (预期性, %, 2025年) recur in every row and table
def fold_cell(text: str) -> str:
    """A cell's text without spaces, with ASCII digits and brackets (for classification)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def parse_decimal(text: str) -> Decimal | None:
    """The first number of a cell as an exact Decimal (``1,234.5`` → 1234.5)."""
    m = _NUMBER.search(text)
    if not m:
        return None
    try:
        return Decimal(m.group().replace(",", ""))
    except InvalidOperation:
        return None


def classify_cell(text: str, span: Span) -> Token:
    """Say what a cell is: a number, a ratio (15:49:36), an attribute, a status word, a
    qualitative value (完成省定目标任务), a placeholder or plain text (a name or category)."""
    s = fold_cell(text).replace("−", "-").replace("：", ":")
    if not s:
        return Token("empty", text, span)
    if s in ATTRIBUTES:
        return Token("attr", text, span)
    if s in STATUS_WORDS or _STATUS.match(s):
        return Token("status", text, span)
    if _PLACEHOLDER.match(s):
        return Token("empty", text, span)
    inner = _BRACKETED.match(s)
    core = inner.group(1) if inner else s
    m = _NUMERIC_CELL.match(core)
    if m:
        return Token("num", text, span, Decimal(m.group("num").replace(",", "")))
    if _SEQ_CELL.match(s):
        return Token("num", text, span, Decimal(re.sub(r"\D", "", s)))
    if _RATIO_CELL.match(core):
        return Token("ratio", text, span)
    if _RANGE_CELL.match(core):
        return Token("range", text, span)
    if _QUALITATIVE.search(s) and len(s) <= 16:
        return Token("qual", text, span, parse_decimal(s))
    return Token("text", text, span)


# ---------------------------------------------------------------- names and units
# A unit in the name's bracket; the closing bracket is often lost by the scrape: "城镇化率(%".
_NAME_UNIT = re.compile(r"[(（]\s*(?P<unit>[^()（）]{1,12}?)\s*[)）]?\s*$")
_NAME_PREFIX = re.compile(r"^\s*(?:其中\s*[:：]?|[一二三四五六七八九十]+、|\d+[.、．])\s*")
_UNIT_WORD = (r"[万亿千百]?(?:元|人|户|吨|亩|台|辆|套|个|家|件|项|所|张|床|座|条|公里|平方公里|平方米|立方米|千瓦|"
              r"千瓦时|人次|名|岁|年|天|小时|美元|斤|吨标准煤|标准煤|克|千克|微克|头|只|块|片|MW|kW|m3|m²|GDP)")
_UNIT_LIKE = re.compile(
    rf"^(?:%|‰|{_UNIT_WORD}(?:/{_UNIT_WORD})?|个百分点|百分点|μg/m3|ug/m3|人/亿元|人/万人)$"
)


def split_name_unit(text: str) -> tuple[str, str | None]:
    """Name and unit of a name cell: "地区生产总值(亿元)" → ("地区生产总值", "亿元");
    "城镇化率(%" → ("城镇化率", "%"); "其中:工业增加值(亿元)" → ("工业增加值", "亿元").
    A bracket that is not a unit ("细颗粒物(PM2.5)浓度") stays in the name."""
    name = re.sub(r"\s+", "", text)
    name = _NAME_PREFIX.sub("", name)
    unit = None
    m = _NAME_UNIT.search(name)
    if m and _UNIT_LIKE.match(unicodedata.normalize("NFKC", m.group("unit"))):
        unit = unicodedata.normalize("NFKC", m.group("unit"))
        name = name[: m.start()]
    return name.strip(), unit


# A caption's table number: "1-1", "表2", "附表3:", "表 2-1". Digits before 年 are a year, kept.
_TITLE_NUMBER = re.compile(
    r"^\s*(?:(?:附\s*)?表\s*[\d一二三四五六七八九十]*|专栏\s*[\d一二三四五六七八九十]+|\d+(?![\d年]))"
    r"(?:\s*[-—－.．]\s*\d+)?\s*[:：、.．]?\s*"
)


def clean_title(text: str) -> str:
    """A table caption without its number: "1-1涟源市…完成情况" → "涟源市…完成情况"."""
    title = text.strip()
    m = _TITLE_NUMBER.match(title)
    return title[m.end():].strip() if m and m.end() < len(title) else title


def is_unit_only(text: str) -> bool:
    """A header cell that is only a unit ("%", "(%)", "单位:亿元"), which belongs to the cell before."""
    s = fold_cell(text).strip("()（）")
    s = re.sub(r"^单位[:：]?", "", s)
    return bool(s) and _UNIT_LIKE.match(s) is not None
