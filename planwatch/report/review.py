"""A self-contained HTML page to review one document's extraction in a minute.

The page shows the decoded text with every extracted item highlighted and a side list of the
items: click an item to jump to its sentence, click a highlighted number to see its record.
Everything (styles, script, data) is inlined, so the file can be mailed or archived as is.
"""

from __future__ import annotations

import json
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from planwatch.extract.serialize import extraction_to_json
from planwatch.model import Extraction
from planwatch.report.highlight import Mark, render_text


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


def review_marks(items: list[dict]) -> list[Mark]:
    """One clickable mark per item; nested and crossing items are handled by ``render_text``."""
    return [Mark(it["span"][0], it["span"][1],
                 f'<mark class="{it["kind"]}" data-item="{it["id"]}">', "</mark>") for it in items]


def render_review_page(ex: Extraction) -> str:
    data = extraction_to_json(ex)
    items = review_items(data)
    env = Environment(loader=PackageLoader("planwatch.report", "templates"),
                      autoescape=select_autoescape(["html", "j2"]))
    template = env.get_template("review.html.j2")
    records = {it["id"]: {k: it[k] for k in ("kind", "label", "record")} for it in items}
    text_html = render_text(ex.source.text, review_marks(items))
    return template.render(doc=data["document"], items=items, text_html=text_html,
                           records_json=json.dumps(records, ensure_ascii=False).replace("</", "<\\/"))


def write_review_page(ex: Extraction, out: Path) -> None:
    tmp = out.with_name(out.name + ".part")
    tmp.write_text(render_review_page(ex), encoding="utf-8")
    tmp.replace(out)  # never leave a half-written page behind
