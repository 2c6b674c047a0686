"""A plan's indicator table (主要指标表) in the shapes real documents arrive in.

* ``real``: a true table in DOCX/HTML; as text, one row per line with tab-separated cells
  (what planwatch's structured readers write);
* ``aligned``: text columns padded with spaces, as PDF-to-text leaves them;
* ``flattened``: one cell per line with blank lines between and empty cells vanished, as a
  scraped web page leaves a table (the shape of the sample corpus's 涟源 plan);
* ``tabbed``: tab-separated lines in a plain text file.

Each shape returns the rendered text and every row's span inside it.
"""

from __future__ import annotations

import random
from typing import Any

from planwatch.synth.paths import Track
from planwatch.synth.printing import plain
from planwatch.synth.specs import IndicatorSpec

SHAPES_TEXT = ("aligned", "flattened", "tabbed")


def row_cells(seq: int, track: Track, with_unit: bool, rng: random.Random, period: tuple[int, int],
              first_of_category: bool) -> tuple[list[str], dict[str, Any]]:
    """The printed cells of one row and the truth of what the row says."""
    spec: IndicatorSpec = track.spec
    y0, yt = period[0] - 1, period[1]
    name = spec.names[0]
    unit = spec.unit
    if spec.kind == "growth_only":
        name, unit = name + "增长", "%"
    base_text = target_text = growth_text = ""
    base = target = growth = None
    comparator: str | None = None
    if spec.kind == "qualitative":
        target_text = rng.choice(("完成省下达任务", "完成上级下达任务", "完成市下达任务"))
    else:
        base = track.baseline
        base_text = plain(base) if base is not None else ""
        if track.target is not None:
            target = track.target
            target_text = plain(target)
            comparator = "eq"
            if spec.kind == "level" and track.comparator != "eq" and rng.random() < 0.6:
                mark = {"ge": ("≥{}", "{}以上", ">{}"), "le": ("≤{}", "{}以下", "<{}"),
                        "approx": ("{}左右",)}[track.comparator]
                target_text = rng.choice(mark).format(target_text)
                comparator = track.comparator
        if track.target_growth is not None:
            growth = track.target_growth
            growth_text = plain(growth)
            if track.comparator == "approx" and rng.random() < 0.5:
                growth_text += "左右"
            elif track.comparator == "ge" and rng.random() < 0.5:
                growth_text = ">" + growth_text
    shown = name if with_unit else f"{name}（{unit}）"
    category = spec.category if first_of_category else ""
    attribute = "约束性" if spec.attribute == "binding" else "预期性"
    cells = [category, str(seq), shown] + ([unit] if with_unit else []) + \
        [base_text, target_text, growth_text, attribute]
    truth = {
        "seq": seq, "category": spec.category, "name": name, "unit": unit,
        "attribute": spec.attribute, "indicator_id": spec.indicator_id,
        "baseline": base, "baseline_year": y0 if base is not None else None,
        "target": target, "target_text": target_text or None,
        "target_year": yt if (target is not None or target_text) else None,
        "annual_growth": growth, "comparator": comparator,
    }
    return cells, truth


def mark_vanished_cells(truth: dict[str, Any], printed: list[str]) -> None:
    """``printed`` are the row's baseline, target and growth cells as printed.

    A flattened row whose empty value cell vanished (or an aligned row whose blank cell only
    spaces mark, whose column depends on how wide one counts a CJK character) can be read
    left-packed too, the numbers filling the first columns: mark it ambiguous with that reading
    as an alternative, as the shared gold files do."""
    fields = ("baseline", "target", "annual_growth")
    values = [truth[f] for f in fields]
    present = [v for v in values if v is not None]
    packed = present + [None] * (len(fields) - len(present))
    if packed == values:
        return
    alternative: dict[str, Any] = dict(zip(fields, packed, strict=True))
    alternative["baseline_year"] = truth["baseline_year"] if packed[0] is not None else None
    texts = [t for t in printed if t] + [""] * 3
    alternative["target_text"] = texts[1] if packed[1] is not None else None
    alternative["target_year"] = truth["target_year"] if packed[1] is not None else None
    truth["ambiguous"] = True
    truth["alternatives"] = [alternative]
    truth["note"] = "an empty value cell is not marked; the numbers can be read left-packed"


def header(with_unit: bool, period: tuple[int, int]) -> list[str]:
    y0, yt = period[0] - 1, period[1]
    return ["类别", "序号", "指标名称"] + (["单位"] if with_unit else []) + \
        [f"{y0}年", f"{yt}年", "年均增长（%）", "属性"]


def render(shape: str, head: list[str], rows: list[list[str]], rng: random.Random
           ) -> tuple[str, list[tuple[int, int]]]:
    """Lay the table out as text; returns the text and each row's (start, end) in it."""
    if shape in ("real", "tabbed"):
        return _lines([head, *rows], "\t", lambda cells: cells)
    if shape == "aligned":
        widths = [max(_width(r[i]) for r in [head, *rows]) for i in range(len(head))]
        return _lines([head, *rows], "  ", lambda cells: [_pad(c, w) for c, w in zip(cells, widths, strict=False)])
    if shape == "flattened":
        return _flattened(head, rows, rng)
    raise ValueError(f"unknown table shape {shape!r}")


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _lines(all_rows: list[list[str]], sep: str, fmt) -> tuple[str, list[tuple[int, int]]]:
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    for k, cells in enumerate(all_rows):
        line = sep.join(fmt(cells)).rstrip()
        if k:
            lead = len(line) - len(line.lstrip())
            spans.append((pos + lead, pos + len(line)))
        out.append(line)
        pos += len(line) + 1
    return "\n".join(out), spans


def _flattened(head: list[str], rows: list[list[str]], rng: random.Random
               ) -> tuple[str, list[tuple[int, int]]]:
    pieces: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0

    def put(cell: str) -> int:
        nonlocal pos
        if pieces:
            pieces.append("\n\n")
            pos += 2
        start = pos
        pieces.append(cell)
        pos += len(cell)
        return start

    for cell in head:
        put(cell)
    for cells in rows:
        start = None
        for k, cell in enumerate(cells):
            if not cell:
                continue  # empty cells vanish
            if k == 0 and len(cell) == 4 and rng.random() < 0.5:  # 经济\n\n发展 (merged cell)
                s = put(cell[:2])
                put(cell[2:])
            else:
                s = put(cell)
            start = s if start is None else start
        assert start is not None
        spans.append((start, pos))
    return "".join(pieces), spans

