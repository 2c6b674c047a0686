"""What a document is: its type, region, period and title (文件类型、地区、时期、标题).

Everything downstream depends on these four facts: a target's year defaults to the plan's end
year, an actual's region to the document's region, and a listing page must not be read as a
plan. They are judged the way a planner skims a file: the title area first (the first lines
after any web navigation), then signals in the first few thousand characters, then counts over
the whole text. The vocabularies are the tables below, so a reader can see why a file was
called a plan.

The region is the place the title or the issuing authority line announces (云川市青澜县 in
云川市青澜县2022年国民经济和社会发展统计公报, 青澜县 in 在青澜县第十九届人民代表大会), taken as
written when the gazetteer lacks it (new districts, towns, 高新区, invented places) with
``region_code`` None (see ``place_names``). The period of a bulletin is the year its title
names; of a work report delivered in year Y, (Y−1, Y): it reviews Y−1 and plans Y.
"""

from __future__ import annotations

import re
from collections import Counter

from planwatch.ingest.place_names import (
    PREFECTURE_SUFFIXES,
    TOKEN,
    at_boundary,
    opens_with_boundary_word,
    place_chains,
    split_chain,
)
from planwatch.ingest.regions import Region, canonical_region, find_regions, gazetteer
from planwatch.ingest.textview import normalize
from planwatch.model import DocumentMeta, SourceText

LINE_CHARS = 200  # a title or authority line; longer lines are prose
HEAD_CHARS = 3000  # the part of a text a reader skims for what the document is
TITLE_AREA_LINES = 6  # non-navigation lines that make up the title area
MIN_BROKEN_TITLE = 12  # a shorter untyped line is a banner or a slogan, not half a title

# Web-page furniture that is never the title: breadcrumbs, publication stamps, tool links.
NAVIGATION = re.compile(
    r"您现在所在的位置|当前位置|您的位置|首页\s*[/>›»]|发布时间|发布日期|浏览量|浏览次数|点击数|字体[:：]|"
    r"【\s*[大中小]\s*】|打印本页|关闭窗口|分享到|^\s*来源[:：]|^\s*\d{4}-\d{2}-\d{2}(\s+\d{1,2}:\d{2})?\s*$|"
    r"^\s*(?:索引号|发文机关|发布机构|发文字号|文号|主题分类|成文日期|公开方式|信息来源|有效性|所属机构)[:：]|"
    r"门户网站|^\s*(?:网站首页|无障碍|繁体|English)\s*$"
)
MENU_BARS = 3  # a line with this many | is a menu: 云川市新闻网 | 首页 | 时政要闻 | …

# Title words → document type, checked in this order (a 规划实施中期评估报告 is an evaluation).
TITLE_TYPES: tuple[tuple[str, str], ...] = (
    (r"统计公报", "bulletin"),
    (r"中期评估|总结评估|实施情况评估|评估报告", "evaluation"),
    (r"政府工作报告", "work_report"),
    (r"五年规划|规划纲要|远景目标纲要|发展规划|规划(?:\(|$)", "plan"),
)

# Signs of journalism in the first part of a text: bylines, photo credits, report labels.
NEWS_MARKERS = re.compile(
    r"文\s*/|记者|通讯员|本报讯|特别报道|核心阅读|编者按|供图|图\s*/|\S\s+摄(?:\s|$)|责任编辑|"
    r"(?:作者|编辑)[:：]|来源[:：]\s*\S{0,10}(?:日报|晚报|报社|新闻网|融媒体|电视台)"
)
# Signs of a portal listing: article items with dates, paging and site boilerplate.
LISTING_ITEM = re.compile(r"(?m)^\s*(?:[•·▪◆■]\s*\S|\d{4}-\d{2}-\d{2}\s*$)")
PORTAL_MARKERS = re.compile(r"联系我们|投稿|尾页|下一页|上一页|跳转到|版权所有|ICP备|备案号|网站地图|免责声明")

# Five-year plan ordinals (十四五 is the 14th plan); 第三个 onwards run 1966 + 5·(n−3).
_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
ORDINAL_PLAN = re.compile(
    r"(十[ ]?[一二三四五六七八九])[ ]?五|第[ ]?(十[一二三四五六七八九]?|[三四五六七八九])[ ]?个[ ]?五年"
)
YEAR_RANGE = re.compile(r"((?:19|20)\d\d)年?[-—–~至到]((?:19|20)\d\d)年")
YEAR = re.compile(r"(?<![\d-])((?:19|20)\d\d)\s?年")
VISION_YEAR = re.compile(r"(?:19|20)\d\d\s?年远景")
DATE_STAMP = re.compile(r"(?:19|20)\d\d-\d{1,2}-\d{1,2}")
REPORT_YEAR = re.compile(r"((?:19|20)\d\d)\s?年[^\n。]{0,20}?政府工作报告")
# The meeting a work report was delivered at: 2022年1月11日在…, 在2022年…人民代表大会.
MEETING_YEAR = re.compile(
    r"((?:19|20)\d\d)\s?年\s?[\d一二三四五六七八九十]{1,3}\s?月\s?[\d一二三四五六七八九十]{1,3}\s?日\s?在|"
    r"在\s?((?:19|20)\d\d)\s?年[^\n。]{0,40}?人民代表大会"
)
BULLETIN_YEAR = re.compile(r"((?:19|20)\d\d)年[^\n。]{0,30}?统计公报")


def detect_metadata(source: SourceText) -> DocumentMeta:
    """Type, region, period and title of a decoded document."""
    text = source.text
    head = text[:HEAD_CHARS]
    area = _title_area(head)
    doc_type = _doc_type(text, head, area)
    title = None if doc_type == "listing" else (_title(area) if area else None)
    region, code = _region(text, area, title, doc_type)
    return DocumentMeta(
        doc_type=doc_type,
        region=region,
        period=_period(text, area, title, doc_type),
        title=title,
        region_code=code,
    )


def _title_area(head: str) -> list[str]:
    """The first non-navigation lines, spaces folded (the title is among them)."""
    lines = []
    for raw in head.splitlines():
        line = normalize(raw).text.strip().lstrip("•·▪◆■ ")
        if line and not NAVIGATION.search(line) and line.count("|") + line.count("｜") < MENU_BARS:
            lines.append(line)
            if len(lines) == TITLE_AREA_LINES:
                break
    return lines


def _title(area: list[str]) -> str | None:
    """The document's title line, joined with the lines a PDF broke it into. A line that
    names a document type (…规划纲要, …政府工作报告) wins over a site banner above it."""
    joined = [_joined_title(area, i) for i, line in enumerate(area[:4]) if _is_title_like(line)]
    typed = [t for t in joined if _type_of(t)]
    found = typed or joined
    return found[0] if found else None


def _joined_title(area: list[str], i: int) -> str:
    """``area[i]`` with the following lines when together they complete a typed title (a long
    line broken by the PDF: 某区国民经济和社会发展第十四个 / 五年规划…纲要)."""
    line = area[i]
    if _type_of(line) or len(line) < MIN_BROKEN_TITLE:
        return line
    title = line
    for nxt in area[i + 1 : i + 4]:
        if not _is_title_like(nxt) or len(title) + len(nxt) > 80:
            break
        title += nxt
        if _type_of(title):
            return title
    return line


def _is_title_like(line: str) -> bool:
    return 2 <= len(line) <= 80 and not re.search(r"[。；;，,]$|[。；]", line)


def _type_of(line: str) -> str | None:
    for pattern, doc_type in TITLE_TYPES:
        if re.search(pattern, line):
            return doc_type
    return None


def _doc_type(text: str, head: str, area: list[str]) -> str:
    if _is_listing(text):
        return "listing"
    area_text = "\n".join(area[:4])
    by_title = _type_of(_title(area) or "") or _type_of(area_text)
    news = {m.group() for m in NEWS_MARKERS.finditer(head)}
    if len(news) >= 2 and by_title not in ("bulletin", "work_report"):
        return "news"
    if by_title:
        return by_title
    return _type_from_body(text)


def _is_listing(text: str) -> bool:
    """Many dated article items plus the portal's paging and boilerplate."""
    items = len(LISTING_ITEM.findall(text))
    portal = {m.group() for m in PORTAL_MARKERS.finditer(text)}
    return items >= 6 and len(portal) >= 2


def _type_from_body(text: str) -> str:
    """Keyword counts when the title says nothing: a plan has chapters and 规划 throughout."""
    chapters = len(re.findall(r"(?m)^\s*第\s*[一二三四五六七八九十]+\s*章", text))
    if chapters >= 3 and text.count("规划") >= 5:
        return "plan"
    if text.count("政府工作") >= 2 and re.search(r"过去(?:的)?一年|今年", text):
        return "work_report"
    if text.count("统计公报") >= 1 and text.count("比上年") >= 5:
        return "bulletin"
    return "other"


def _region(text: str, area: list[str], title: str | None, doc_type: str) -> tuple[str | None, str | None]:
    """Name and code of the region the document is about: the place its title or authority
    line announces (taken as written when the gazetteer lacks it: 云川市青岚县, 株洲高新区),
    else the first known region named in the title area, else the one the text names most."""
    if doc_type != "listing":
        lines = [title, *area[:3]] if title else area[:3]
        for line in (line[:LINE_CHARS] for line in lines):
            for chain in place_chains(line):
                found = _chain_region(chain, line, text)
                if found:
                    return found
            for mention in find_regions(line):
                if mention.region is not None:
                    return mention.region.full_name, mention.region.code
        for mention in find_regions("\n".join(area[:3])):  # ambiguous names settled across lines
            if mention.region is not None:
                return mention.region.full_name, mention.region.code
    counts: Counter[str] = Counter()
    regions: dict[str, Region] = {}
    for mention in find_regions(text, short_names=True):
        if mention.region is not None:
            counts[mention.region.code] += 1
            regions[mention.region.code] = mention.region
    if not counts:
        return None, None
    best = regions[counts.most_common(1)[0][0]]
    return best.full_name, best.code


def _chain_region(chain: str, line: str, text: str) -> tuple[str, str | None] | None:
    """The region a title's chain of names denotes: the gazetteer's when it knows the chain
    (None when the chain fits several places: the mentions around it decide), else the chain
    as written, under the full name of its known head (株洲市 + 云龙示范区) or with the parent
    city the document names elsewhere (云川市 + 青岚县). The gazetteer's reading of the same
    characters wins when it is a word and a known name (制定|株洲市) or a longer name (日|照市)."""
    gaz = gazetteer()
    known = gaz.lookup(chain)
    if known:
        return (known[0].full_name, known[0].code) if len(known) == 1 else None
    names = split_chain(chain)
    if not names or len(names[-1]) < 3:
        return None
    overlapping = _known_overlap(chain, line)
    if overlapping is not None:
        return overlapping.full_name, overlapping.code
    for k in range(len(names) - 1, 0, -1):
        head = canonical_region("".join(names[:k]))
        if head is not None:
            return head.full_name + "".join(names[k:]), None
    if len(names) == 1 and not names[0].endswith(PREFECTURE_SUFFIXES):
        parent = _parent_named(names[0], text)
        if parent:
            return parent + names[0], None
    return "".join(names), None


def _known_overlap(chain: str, line: str) -> Region | None:
    """A known region the line names over the chain's end: the chain's own tail (制定株洲市 is
    制定 and 株洲市), or a longer name the chain cuts into (照市 of 日照市)."""
    start = line.find(chain)
    end = start + len(chain)
    for m in find_regions(line):
        if m.region is not None and m.span.start != start and m.span.start < end and m.span.end == end:
            return m.region
    return None


# A city in a masthead or a source line: 云川市新闻网, 来源：云川市日报, 云川市人民政府门户网站.
_CITY_END = "(?:" + "|".join(PREFECTURE_SUFFIXES) + ")"
MASTHEAD = re.compile(_CITY_END + r"(?:新闻网|日报|晚报|融媒体|广播电视台|电视台|人民政府|政府网|发布)")
PARENT_CHARS = 600  # the opening of a text, where mastheads and source lines stand


def _parent_named(name: str, text: str) -> str | None:
    """The city a document puts above a place the gazetteer lacks: written right before it
    anywhere (云川市青岚县), else the one city of its masthead or source lines."""
    for m in re.finditer(_CITY_END + re.escape(name), text):
        city = _city_ending_at(text, m.start() + len(m.group()) - len(name))
        if city:
            return city
    opening = text[:PARENT_CHARS]
    cities = {c for m in MASTHEAD.finditer(opening) if (c := _city_ending_at(opening, m.end(0) - _org_len(m)))}
    cities.discard(name)
    return cities.pop() if len(cities) == 1 else None


def _org_len(m: re.Match[str]) -> int:
    """Length of the organisation word after the city suffix in a MASTHEAD match."""
    suffix = re.match(_CITY_END, m.group())
    return len(m.group()) - (suffix.end() if suffix else 0)


def _city_ending_at(text: str, end: int) -> str | None:
    """The name (two to four characters and a suffix) that ends at ``end`` and starts at a
    boundary, the shortest that does (推进云川市 → 云川市)."""
    for start in range(end - 3, max(-1, end - 8), -1):
        if at_boundary(text, start) and not opens_with_boundary_word(text, start, end) and TOKEN.fullmatch(
            text, start, end
        ):
            return text[start:end]
    return None


def plan_period(ordinal: int) -> tuple[int, int]:
    """Years of the n-th five-year plan (14 → 2021–2025); the 1st and 2nd ran 1953–1962."""
    start = 1953 + 5 * (ordinal - 1) if ordinal <= 2 else 1966 + 5 * (ordinal - 3)
    return (start, start + 4)


def _ordinal(word: str) -> int:
    word = word.replace(" ", "")
    if word.startswith("十"):
        return 10 + _CN_DIGITS.get(word[1:], 0)
    return _CN_DIGITS[word]


def _ordinals(text: str) -> Counter[int]:
    return Counter(_ordinal(m.group(1) or m.group(2)) for m in ORDINAL_PLAN.finditer(text))


def _period(text: str, area: list[str], title: str | None, doc_type: str) -> tuple[int, int] | None:
    """A plan's years; the year a bulletin reports on; for a work report delivered in year Y,
    (Y−1, Y): it reviews Y−1 and sets Y's targets. The title's year wins over any other."""
    area_text = "".join(area[:4])
    if doc_type in ("plan", "evaluation"):
        return _plan_period(text, area_text)
    if doc_type == "work_report":
        year = _stated_year(title, area, text, (MEETING_YEAR, REPORT_YEAR))
        if year:
            return (year - 1, year)
    if doc_type == "bulletin":
        year = _stated_year(title, area, text, (BULLETIN_YEAR,)) or _main_year(text)
        if year:
            return (year, year)
    return _covered_years(text, title)


def _stated_year(title: str | None, area: list[str], text: str, patterns: tuple[re.Pattern[str], ...]) -> int | None:
    """The year a report names for itself: the one in its title, else the first line of the
    title area, then of the opening, that a pattern dates (2022年1月11日在…; 2021年…统计公报)."""
    if title and _type_of(title):
        m = YEAR.search(arabic_years(title))
        if m:
            return int(m.group(1))
    lines = area[:TITLE_AREA_LINES] + normalize(text[:HEAD_CHARS]).text.splitlines()
    for pattern in patterns:
        for line in lines:
            m = pattern.search(arabic_years(line))
            if m:
                return int(next(g for g in m.groups() if g))
    return None


def _main_year(text: str) -> int | None:
    """The year a text names most, leaving out dates (2023年3月15日 is when it was issued)."""
    text = arabic_years(DATE_STAMP.sub("", text))
    years = Counter(int(m.group(1)) for m in YEAR.finditer(text) if text[m.end() : m.end() + 1] != "月")
    return years.most_common(1)[0][0] if years else None


_CN_YEAR_DIGITS = {"〇": "0", "○": "0", "零": "0", "一": "1", "二": "2", "三": "3", "四": "4", "五": "5",
                   "六": "6", "七": "7", "八": "8", "九": "9"}
CN_YEAR = re.compile(r"((?:[〇○零一二三四五六七八九]\s?){3}[〇○零一二三四五六七八九])(?=\s?年)")


def arabic_years(line: str) -> str:
    """``line`` with years written in Chinese numerals as digits (二〇二二年 → 2022年)."""
    return CN_YEAR.sub(lambda m: "".join(_CN_YEAR_DIGITS[c] for c in m.group(1) if not c.isspace()), line)


def _plan_period(text: str, area_text: str) -> tuple[int, int] | None:
    in_title = _ordinals(area_text)
    if in_title:
        return plan_period(in_title.most_common(1)[0][0])
    m = YEAR_RANGE.search(area_text)
    if m:
        return (int(m.group(1)), int(m.group(2)))
    body = _ordinals(text)
    return plan_period(body.most_common(1)[0][0]) if body else None


def _covered_years(text: str, title: str | None = None) -> tuple[int, int] | None:
    """Years a text is about: those its title names and those it names at least twice (one-off
    mentions of history are asides), widened by the plan period it keeps returning to. Publication stamps
    (2025-07-07) say when a page was posted, not what it covers, and are left out. Years in
    Chinese numerals (二〇二四年) count as their digits; the long-range horizon of a plan's title
    (2035年远景目标) is not a year the text reports on."""
    text = VISION_YEAR.sub("", arabic_years(DATE_STAMP.sub("", text)))
    years = Counter(int(y) for y in YEAR.findall(text))
    kept = [y for y, n in years.items() if n >= 2] or list(years)
    kept.extend(int(y) for y in YEAR.findall(VISION_YEAR.sub("", arabic_years(title or ""))))
    ordinals = _ordinals(text)
    if ordinals:
        ordinal, count = ordinals.most_common(1)[0]
        if count >= 3:
            kept.extend(plan_period(ordinal))
    return (min(kept), max(kept)) if kept else None
