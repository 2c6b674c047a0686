"""The main content of an HTML page as text and blocks, without the page's furniture.

Government portals wrap a plan in navigation bars, breadcrumbs (当前位置：首页 > 政务公开), menus,
share buttons, footers with 网站标识码 and 备案号, scripts and styles. None of that is the
document, and its numbers (ICP numbers, phone numbers, dates of other articles) would be read as
figures. So the reader drops elements by tag (script, nav, footer...), by ARIA role, by the
class/id words that portals use for furniture, and lists made mostly of links; it keeps
``<main>`` or a single ``<article>`` when the page has one. Data tables become table blocks;
layout tables (tables holding tables) are read as ordinary flow.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from planwatch.ingest.builder import TextBuilder, collapse_spaces
from planwatch.model import Block

# Never content.
_DROP_TAGS = {"script", "style", "noscript", "template", "iframe", "svg", "canvas", "object", "embed",
              "nav", "aside", "menu", "form", "button", "select", "input", "textarea", "head", "title",
              "meta", "link", "map", "dialog"}
# Page furniture unless inside an <article> or <main> (where <header> holds the title).
_PAGE_FURNITURE_TAGS = {"header", "footer"}
_DROP_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar"}
# class/id words of furniture, matched as whole words inside a class or id ("top-nav", "bread_crumb").
_FURNITURE_WORD = re.compile(
    r"(?:^|[-_\s])(?:nav|navbar|navigation|menu|menus|breadcrumbs?|crumbs?|bread|footer|foot|sidebar|"
    r"topbar|toolbar|share|sharing|copyright|dqwz|pagination|pager|"
    r"banner|skip|search|login|qrcode|ewm|friendlink|links)(?:$|[-_\s\d])",
    re.IGNORECASE)
# Exact class/id names of a page's header and bottom; like <header>, kept inside <article>/<main>.
_PAGE_EDGE_NAMES = {"header", "head", "top", "site-header", "siteheader", "page-head", "logo", "bottom",
                    "bottom-wrap"}
# Breadcrumb trails announce themselves in words: 当前位置：首页 > 政务公开 > 规划计划.
_BREADCRUMB = re.compile(r"^\s*(?:您(?:当前)?的?(?:所在)?位置|当前位置|所在位置|位置)\s*[:：]")
BREADCRUMB_MAX_CHARS = 120
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# A table is laid-out page furniture, not data, if a cell holds this much text.
DATA_CELL_MAX_CHARS = 500
# A container this much link text (and with at least this many links) is a menu or a link list.
LINK_SHARE = 0.7
MIN_LINKS = 3

_BLOCK_TAGS = {"p", "div", "section", "article", "main", "blockquote", "pre", "ul", "ol", "li", "dl",
               "dt", "dd", "figure", "figcaption", "address", "center", "body", "html", "hr", "br",
               "caption", "details", "summary", "fieldset", "legend", "h1", "h2", "h3", "h4", "h5",
               "h6", "table", "tr", "td", "th", "thead", "tbody", "tfoot"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def declared_charset(raw: bytes) -> str | None:
    """The encoding a page names in ``<meta charset>`` or ``http-equiv`` (first 4 KB), if any."""
    match = _META_CHARSET.search(raw[:4096])
    return match.group(1).decode("ascii") if match else None


def read_html(source: str) -> tuple[str, tuple[Block, ...]]:
    """Text and blocks of a page's main content."""
    source = _XML_DECLARATION.sub("", source, count=1)
    if not source.strip():
        return "", ()
    try:
        root = lxml.html.document_fromstring(source)
    except (etree.ParserError, ValueError):
        return "", ()
    _drop_furniture(root)
    builder = TextBuilder()
    _Walker(builder).walk(_main_content(root))
    return builder.build()


def _drop_furniture(root: lxml.html.HtmlElement) -> None:
    doomed = []
    for element in root.iter():
        if not isinstance(element.tag, str):  # comments, processing instructions
            doomed.append(element)
            continue
        if _is_furniture(element):
            doomed.append(element)
    for element in doomed:
        _remove_keep_tail(element)
    for element in [e for e in root.iter("ul", "ol", "div", "p", "span")
                    if _is_link_list(e)]:
        if element.getparent() is not None:
            _remove_keep_tail(element)


def _is_furniture(element: lxml.html.HtmlElement) -> bool:
    tag = element.tag.lower()
    if tag in _DROP_TAGS or element.get("role", "").lower() in _DROP_ROLES:
        return True
    if _HIDDEN.search(element.get("style", "")) or element.get("hidden") is not None:
        return True
    if tag in ("body", "html", "main", "article"):
        return False
    names = f"{element.get('class', '')} {element.get('id', '')}".lower().split()
    if tag in _PAGE_FURNITURE_TAGS or _PAGE_EDGE_NAMES.intersection(names):
        return not _inside(element, {"article", "main"})
    if any(_FURNITURE_WORD.search(name) for name in names):
        return True
    return tag in ("div", "p", "span", "td") and _is_breadcrumb(element)


def _is_breadcrumb(element: lxml.html.HtmlElement) -> bool:
    text = element.text_content()
    return bool(_BREADCRUMB.match(text[:40])) and len(collapse_spaces(text)) <= BREADCRUMB_MAX_CHARS


def _is_link_list(element: lxml.html.HtmlElement) -> bool:
    links = element.findall(".//a")
    if len(links) < MIN_LINKS:
        return False
    text = collapse_spaces(element.text_content())
    link_text = sum(len(collapse_spaces(a.text_content())) for a in links)
    return bool(text) and link_text >= LINK_SHARE * len(text)


def _inside(element: lxml.html.HtmlElement, tags: set[str]) -> bool:
    return any(isinstance(a.tag, str) and a.tag.lower() in tags for a in element.iterancestors())


def _remove_keep_tail(element: etree._Element) -> None:
    """Remove an element but keep the text that follows it (lxml stores that on the element)."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    if tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def _main_content(root: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """``<main>`` (or role=main), else a page's only ``<article>``, else the body."""
    for found in (root.findall(".//main"), root.xpath(".//*[@role='main']")):
        if found:
            return found[0]
    articles = root.findall(".//article")
    if len(articles) == 1:
        return articles[0]
    body = root.find(".//body")
    return body if body is not None else root


class _Walker:
    """Walks the content tree, writing inline text into lines and tables into table blocks."""

    def __init__(self, builder: TextBuilder) -> None:
        self.builder = builder
        self.line: list[str] = []

    def walk(self, element: lxml.html.HtmlElement) -> None:
        self._element(element)
        self._flush()

    def _element(self, element: lxml.html.HtmlElement) -> None:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if tag == "table" and _is_data_table(element):
            self._flush()
            self.builder.add_table(_table_rows(element))
            return
        if tag in _HEADINGS:
            self._flush()
            self.builder.add_line(_block_text(element), "heading")
            return
        if tag == "pre":
            self._flush()
            for line in element.text_content().splitlines():
                self.builder.add_line(line)
            return
        block = tag in _BLOCK_TAGS
        if block or tag == "br":
            self._flush()
        if element.text and tag != "br":
            self.line.append(element.text)
        for child in element:
            self._element(child)
            if child.tail:
                self.line.append(child.tail)
        if block:
            self._flush()

    def _flush(self) -> None:
        if self.line:
            self.builder.add_line(collapse_spaces("".join(self.line)))
            self.line = []


def _is_data_table(table: lxml.html.HtmlElement) -> bool:
    """A table of data rather than of page layout or a box (专栏): no table inside, more than one
    column, no cell holding an article."""
    if table.find(".//table") is not None:
        return False
    if all(len(tr.xpath("./td|./th")) <= 1 for tr in table.iter("tr")):
        return False
    cells = table.xpath(".//td|.//th")
    return bool(cells) and all(len(cell.text_content()) <= DATA_CELL_MAX_CHARS for cell in cells)


def _block_text(element: lxml.html.HtmlElement) -> str:
    """An element's text with its inner blocks and <br>s as line breaks, then joined as wrapped
    lines: no space after CJK text, one between Latin words."""
    pieces: list[str] = []

    def visit(node: lxml.html.HtmlElement) -> None:
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        if tag in _BLOCK_TAGS:
            pieces.append("\n")
        if node.text and tag != "br":
            pieces.append(node.text)
        for child in node:
            visit(child)
            if child.tail:
                pieces.append(child.tail)
        if tag in _BLOCK_TAGS:
            pieces.append("\n")

    visit(element)
    return collapse_spaces("".join(pieces))


def _table_rows(table: lxml.html.HtmlElement) -> list[list[str]]:
    """Rows of a data table on its grid: a spanned cell is written once, the rest left empty."""
    rows: list[list[str]] = []
    pending: dict[int, int] = {}  # column -> rows still covered by a rowspan from above
    for tr in table.iter("tr"):
        row: list[str] = []
        for cell in tr:
            if not isinstance(cell.tag, str) or cell.tag.lower() not in ("td", "th"):
                continue
            while pending.get(len(row), 0) > 0:
                pending[len(row)] -= 1
                row.append("")
            colspan, rowspan = _span_attr(cell, "colspan"), _span_attr(cell, "rowspan")
            for extra in range(colspan):
                if rowspan > 1:
                    pending[len(row)] = rowspan - 1
                row.append(_block_text(cell) if extra == 0 else "")
        while pending.get(len(row), 0) > 0:
            pending[len(row)] -= 1
            row.append("")
        rows.append(row)
    return rows


def _span_attr(cell: lxml.html.HtmlElement, name: str) -> int:
    try:
        return max(1, min(int(cell.get(name, "1")), 100))
    except ValueError:
        return 1
