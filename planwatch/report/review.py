"""A self-contained HTML page to review one document's extraction in a minute.

The page shows the decoded text with every extracted item highlighted and a side list of the
items: click an item to jump to its sentence, click a highlighted number to see its record.
Everything (styles, script, data) is inlined, so the file can be mailed or archived as is.
"""

from __future__ import annotations

import itertools
import json
from bisect import bisect_left
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from planwatch.extract.serialize import extraction_to_json
from planwatch.model import Extraction


@dataclass(frozen=True)
class Segment:
    """A run of text covered by the same set of items (empty set: plain text)."""

    text: str
    items: tuple[str, ...]
    kind: str = ""  # css class: the kind of the narrowest item covering the piece


def review_items(data: dict) -> list[dict]:
    """Flatten the extraction JSON into reviewable items with ids, kinds and labels."""
    items: list[dict] = []
    for t_index, table in enumerate(data["indicator_tables"]):
        for r_index, row in enumerate(table["rows"]):
            items.append({"id": f"r{t_index}-{r_index}", "kind": "row", "label": row["name"],
                          "span": row["span"], "record": row, "table": table["title"]})
    for kind, key in (("target", "targets"), ("observation", "observations")):
        for i, item in enumerate(data[key]):
            items.append({"id": f"{kind[0]}{i}", "kind": kind, "label": item["indicator"],
                          "span": item["span"], "record": item})
    for i, term in enumerate(data["glossary"]):
        items.append({"id": f"g{i}", "kind": "glossary", "label": term["term"], "span": term["span"],
                      "record": term})
    return items


def segment_text(text: str, items: list[dict]) -> list[Segment]:
    """Cut the text at every item boundary; each piece knows which items cover it."""
    cuts = sorted({0, len(text), *(p for it in items for p in it["span"])})
    starts = sorted((it["span"][0], it["span"][1], it["id"]) for it in items)
    kinds = {it["id"]: it["kind"] for it in items}
    segments: list[Segment] = []
    for a, b in itertools.pairwise(cuts):
        if a == b:
            continue
        upto = bisect_left(starts, (b,))
        covering = [(e - s, item_id) for s, e, item_id in starts[:upto] if s <= a and e >= b]
        covering.sort()
        ids = tuple(item_id for _, item_id in covering)
        segments.append(Segment(text[a:b], ids, kinds[ids[0]] if ids else ""))
    return segments


def render_review_page(ex: Extraction) -> str:
    data = extraction_to_json(ex)
    items = review_items(data)
    env = Environment(loader=PackageLoader("planwatch.report", "templates"),
                      autoescape=select_autoescape(["html", "j2"]))
    template = env.get_template("review.html.j2")
    records = {it["id"]: {k: it[k] for k in ("kind", "label", "record")} for it in items}
    return template.render(doc=data["document"], items=items, segments=segment_text(ex.source.text, items),
                           records_json=json.dumps(records, ensure_ascii=False).replace("</", "<\\/"))


def write_review_page(ex: Extraction, out: Path) -> None:
    tmp = out.with_name(out.name + ".part")
    tmp.write_text(render_review_page(ex), encoding="utf-8")
    tmp.replace(out)  # never leave a half-written page behind
