"""Generate a synthetic corpus with known truth (合成语料): the library entry points.

``generate_corpus`` writes documents, ``truth.jsonl`` and ``statuses.jsonl`` to a folder;
``iter_documents`` yields the same documents in memory (bytes and truth) for benchmarks.
Everything is drawn from one ``random.Random(seed)``, so a seed gives the same corpus byte for
byte.
"""

from __future__ import annotations

import csv
import dataclasses
import random
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from planwatch.synth.plan import compose_plan
from planwatch.synth.printing import Style, plain
from planwatch.synth.regions import Region, make_regions
from planwatch.synth.reports import compose_bulletin, compose_news, compose_work_report
from planwatch.synth.statuses import region_statuses
from planwatch.synth.tables import SHAPES_TEXT
from planwatch.synth.textdoc import SynthDoc
from planwatch.synth.truth import document_truth, dumps, gold_record
from planwatch.synth.world import make_world
from planwatch.synth.writers import EXTENSIONS, to_bytes

FORMATS = ("txt", "html", "docx", "pdf")
PLAN_PERIODS = ((2021, 2025), (2026, 2030))


@dataclass(frozen=True)
class DocOrder:
    """One document to compose: what, for which region and year, in which format."""

    region: Region
    doc_type: str
    year: int
    fmt: str
    encoding: str = "utf-8"
    file: str = ""
    shape: str = ""  # the plan's table layout; drawn when empty


@dataclass
class SynthDocument:
    """A generated document in memory: its file name, bytes and truth record."""

    file: str
    fmt: str
    data: bytes
    doc: SynthDoc
    truth: dict[str, Any]


@dataclass
class SynthSummary:
    """What ``generate_corpus`` wrote."""

    out_dir: Path
    documents: int = 0
    regions: int = 0
    items: int = 0
    statuses: int = 0
    unaligned: int = 0
    seconds: float = 0.0
    by_format: dict[str, int] = field(default_factory=dict)
    by_type: dict[str, int] = field(default_factory=dict)


def plan_period(years: tuple[int, int]) -> tuple[int, int]:
    """The five-year plan period that holds the first year asked for."""
    for period in PLAN_PERIODS:
        if period[0] <= years[0] <= period[1]:
            return period
    raise ValueError(f"years {years[0]}–{years[1]} are outside the 14th and 15th plan periods")


def _format(rng: random.Random, formats: tuple[str, ...]) -> tuple[str, str]:
    structured = [f for f in formats if f != "txt"]
    if "txt" in formats and (not structured or rng.random() < 0.7):
        return "txt", rng.choices(("utf-8", "gb18030", "utf-16"), (85, 10, 5))[0]
    return rng.choice(structured), "utf-8"


def order_documents(regions: list[Region], years: tuple[int, int], formats: tuple[str, ...],
                    rng: random.Random) -> list[DocOrder]:
    """Per region: the plan, a bulletin per year, the work report that reviews each year,
    and now and then a news item."""
    orders: list[DocOrder] = []
    for k, region in enumerate(regions):
        mine = [DocOrder(region, "plan", plan_period(years)[0], *_format(rng, formats))]
        for y in range(years[0], years[1] + 1):
            mine.append(DocOrder(region, "bulletin", y, *_format(rng, formats)))
            mine.append(DocOrder(region, "work_report", y + 1, *_format(rng, formats)))
            if rng.random() < 0.3:
                mine.append(DocOrder(region, "news", y, *_format(rng, formats)))
        orders.extend(_named(o, k) for o in mine)
    return orders


def _named(order: DocOrder, index: int) -> DocOrder:
    name = f"r{index:03d}_{order.doc_type}_{order.year}{EXTENSIONS[order.fmt]}"
    return DocOrder(order.region, order.doc_type, order.year, order.fmt, order.encoding, name)


EXAMPLE_YEARS = (2021, 2024)


def example_orders(rng: random.Random) -> list[DocOrder]:
    """The documents shipped in examples/: one county (青澜县) and its parent city (云川市).

    The county's plan (plain text, its table flattened as scraped pages leave it), its four
    work reports 2022–2025 (one GB18030 text, one HTML page, one PDF), two bulletins, one news
    item; the city's plan as DOCX with a real table, so 层层加码 can be compared.
    """
    city, county = make_regions(2, rng)
    c, k = "yunchuan", "qinglan"
    return [
        DocOrder(county, "plan", 2021, "txt", "utf-8", f"{k}_plan_2021-2025.txt", "flattened"),
        DocOrder(city, "plan", 2021, "docx", "utf-8", f"{c}_plan_2021-2025.docx"),
        DocOrder(county, "work_report", 2022, "txt", "gb18030", f"{k}_work_report_2022.gb18030.txt"),
        DocOrder(county, "work_report", 2023, "html", "utf-8", f"{k}_work_report_2023.html"),
        DocOrder(county, "work_report", 2024, "txt", "utf-8", f"{k}_work_report_2024.txt"),
        DocOrder(county, "work_report", 2025, "pdf", "utf-8", f"{k}_work_report_2025.pdf"),
        DocOrder(county, "bulletin", 2022, "txt", "utf-8", f"{k}_bulletin_2022.txt"),
        DocOrder(county, "bulletin", 2023, "txt", "utf-8", f"{k}_bulletin_2023.txt"),
        DocOrder(county, "news", 2024, "txt", "utf-8", f"{k}_news_2025.txt"),
    ]


def compose(order: DocOrder, tracks, rng: random.Random, period: tuple[int, int]) -> SynthDoc:
    style = Style.draw(rng, pdf_like=order.fmt == "pdf", plain_text=order.fmt == "txt")
    style = dataclasses.replace(style, plan_number=14 + (period[0] - 2021) // 5)
    web = order.fmt == "html" or rng.random() < 0.3
    if order.doc_type == "plan":
        shape = order.shape or ("real" if order.fmt in ("html", "docx") else (
            "aligned" if order.fmt == "pdf" else rng.choice(SHAPES_TEXT)))
        return compose_plan(order.region, tracks, rng, style, shape, period, web, order.file)
    if order.doc_type == "work_report":
        return compose_work_report(order.region, tracks, rng, style, order.year, web, order.file)
    if order.doc_type == "bulletin":
        return compose_bulletin(order.region, tracks, rng, style, order.year, web, order.file)
    return compose_news(order.region, tracks, rng, style, order.year, order.file)


def _worlds(orders: list[DocOrder], years: tuple[int, int], rng: random.Random):
    period = plan_period(years)
    actual_years = [y for y in range(years[0], years[1] + 1) if period[0] <= y <= period[1]]
    worlds: dict[str, dict] = {}
    by_region: dict[Region, list[DocOrder]] = {}
    for o in orders:
        by_region.setdefault(o.region, []).append(o)
    for region in sorted(by_region, key=lambda r: r.level != "city"):  # cities first: 层层加码
        mine = by_region[region]
        bulletins = {o.year for o in mine if o.doc_type == "bulletin"}
        target_years = [o.year for o in mine if o.doc_type == "work_report"]
        parent = worlds.get(region.parent or "")
        worlds[region.name] = make_world(rng, period, actual_years, bulletins, target_years, parent)
    return worlds, period


def prepare(regions: int, years: tuple[int, int], seed: int, formats: tuple[str, ...],
            preset: str | None = None):
    """The random source, document orders and region worlds of a corpus, all from ``seed``."""
    rng = random.Random(seed)
    if preset == "examples":
        orders = example_orders(random.Random(seed))
    elif preset is None:
        orders = order_documents(make_regions(regions, rng), years, tuple(formats), rng)
    else:
        raise ValueError(f"unknown preset {preset!r}")
    worlds, period = _worlds(orders, years, rng)
    return rng, orders, worlds, period


def iter_documents(regions: int = 10, years: tuple[int, int] = (2021, 2025), seed: int = 0,
                   formats: tuple[str, ...] = ("txt",), preset: str | None = None
                   ) -> Iterator[SynthDocument]:
    """Yield the corpus's documents in memory (bytes and truth with composed-text spans)."""
    rng, orders, worlds, period = prepare(regions, years, seed, formats, preset)
    for order in orders:
        doc = compose(order, worlds[order.region.name], rng, period)
        data = to_bytes(doc, order.fmt, order.encoding)
        truth = document_truth(doc, order.file, order.fmt, order.encoding)
        yield SynthDocument(order.file, order.fmt, data, doc, truth)


def actuals_rows(region: Region, tracks: dict, years: list[int]) -> list[dict[str, Any]]:
    """Final figures of ``years`` as a planner would key them into an actuals spreadsheet."""
    rows = []
    for t in tracks.values():
        for y in years:
            if not t.has_actual(y):
                continue
            for metric, value, unit in (("level" if t.spec.unit != "%" else "share",
                                         t.levels.get(y), t.spec.unit),
                                        ("growth", t.growths.get(y), "%")):
                if value is not None:
                    rows.append({"region": region.full_name, "indicator": t.spec.indicator_id,
                                 "metric": metric, "year": y, "value": plain(value), "unit": unit,
                                 "source": f"{region.name}统计局年报（虚构）", "estimated": "no",
                                 "note": t.spec.names[0]})
    return rows


def generate_corpus(out_dir: str | Path, regions: int = 10, years: tuple[int, int] = (2021, 2025),
                    seed: int = 0, formats: tuple[str, ...] = ("txt",), preset: str | None = None,
                    truth_dir: str | Path | None = None, gold: bool = False) -> SynthSummary:
    """Write documents, truth.jsonl and statuses.jsonl to ``out_dir``; return what was written.

    HTML, DOCX and PDF files are read back with planwatch's reader so their truth spans index
    the decoded text an extractor sees. ``out_dir/manifest.csv`` says what each file is
    (``planwatch ingest --manifest``): fictional regions are in no region table. ``truth_dir``
    (default ``out_dir``) takes truth.jsonl and statuses.jsonl; the ``examples`` preset writes
    the shipped example documents. With ``gold`` the UTF-8 text documents also get a file in
    the shared gold layout under ``truth_dir/gold/`` so the shared scorer
    (``score.py --gold … --corpus …``) can score them.
    """
    from planwatch.ingest.reader import read_document

    start = time.perf_counter()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    truth_out = Path(truth_dir) if truth_dir is not None else out
    truth_out.mkdir(parents=True, exist_ok=True)
    summary = SynthSummary(out)
    by_region: dict[str, list[dict[str, Any]]] = {}
    fmt_count: Counter[str] = Counter()
    type_count: Counter[str] = Counter()
    years_seen: list[int] = []
    manifest_file = open(out / "manifest.csv", "w", encoding="utf-8", newline="")  # noqa: SIM115
    manifest = csv.writer(manifest_file)
    manifest.writerow(("path", "doc_type", "region", "year", "period_start", "period_end", "title"))
    with manifest_file, open(truth_out / "truth.jsonl", "w", encoding="utf-8") as truth_file:
        for item in iter_documents(regions, years, seed, formats, preset):
            path = out / item.file
            path.write_bytes(item.data)
            truth = item.truth
            if item.fmt != "txt":
                decoded = read_document(path).text
                truth = document_truth(item.doc, item.file, item.fmt, truth["encoding"], decoded)
            truth_file.write(dumps(truth) + "\n")
            plan = truth["doc_type"] == "plan"  # a plan has a period, anything else a year
            manifest.writerow((item.file, truth["doc_type"], truth["region"],
                               "" if plan else truth["year"],
                               *(truth["period"] if plan else ("", "")), truth["title"]))
            if gold and item.fmt == "txt" and item.truth["encoding"] == "utf-8":
                gold_dir = truth_out / "gold"
                gold_dir.mkdir(exist_ok=True)
                (gold_dir / (Path(item.file).stem + ".json")).write_text(
                    dumps(gold_record(truth, item.doc.text)), encoding="utf-8")
            by_region.setdefault(truth["region"], []).append(truth)
            n_items = sum(len(truth[k]) for k in ("targets", "observations", "glossary", "projects"))
            n_items += sum(len(t["rows"]) for t in truth["indicator_tables"])
            summary.items += n_items
            summary.unaligned += sum(1 for k in ("targets", "observations", "glossary", "projects")
                                     for i in truth[k] if i.get("aligned") is False)
            fmt_count[item.fmt] += 1
            type_count[truth["doc_type"]] += 1
            years_seen.extend(o["year"] for o in truth["observations"])
    period = plan_period(years)
    as_of = sorted({y for y in years_seen if period[0] <= y <= period[1]})
    with open(truth_out / "statuses.jsonl", "w", encoding="utf-8") as status_file:
        for region, docs in by_region.items():
            for line in region_statuses(region, docs, as_of, period):
                status_file.write(dumps(line) + "\n")
                summary.statuses += 1
    summary.documents = sum(fmt_count.values())
    summary.regions = len(by_region)
    summary.by_format, summary.by_type = dict(fmt_count), dict(type_count)
    summary.seconds = time.perf_counter() - start
    return summary


def write_example_actuals(path: str | Path, seed: int) -> int:
    """examples/actuals.csv: the county's final figures for the years no bulletin covers."""
    _, orders, worlds, _ = prepare(0, EXAMPLE_YEARS, seed, ("txt",), "examples")
    county = next(o.region for o in orders if o.region.level == "county")
    covered = {o.year for o in orders if o.region == county and o.doc_type == "bulletin"}
    years = [y for y in range(EXAMPLE_YEARS[0], EXAMPLE_YEARS[1] + 1) if y not in covered]
    rows = actuals_rows(county, worlds[county.name], years)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)
