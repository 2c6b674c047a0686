"""How Chinese text writes a place name (地名), known to the gazetteer or not.

The gazetteer knows the 3,200 divisions of GB/T 2260, but planners also write about places it
lacks: new or renamed districts, towns (镇、乡、街道), management areas (高新区、经开区、新区) and
the invented regions of training material (云川市青岚县). Two facts of the written language let
us handle both:

- a place name starts at a *boundary*: the start of a line, punctuation or a digit, a complete
  name before it (湖南省|株洲市, 云川市|青岚县), or a word that is commonly written before a
  place (在、和、对、推进、关于 …). A gazetteer name right after any other Chinese character is
  the tail of a longer name (青|岚县 is 青岚县, not 岚县) and is not a mention;
- a name is a few characters and an administrative suffix (…市、…县、…街道、…高新技术产业开发区),
  and a document announces its own region before an anchor word in its title or its issuing
  authority line (…国民经济和社会发展…, …人民政府, …统计局, 在…第十九届人民代表大会).

The vocabularies are the tables below; ``place_chains`` is what reads a title.
"""

from __future__ import annotations

import re

# Single characters commonly written right before a place name: prepositions, conjunctions,
# 全/各/本 (全市), date ends (2023年攸县), and suffix characters (the name before is complete).
BOUNDARY_CHARS = frozenset(
    "在和与及对向到至从由于为是将把的了等或同跟以按据经全各本该原赴来去比较即暨并含除使让给被往驻距临近入"
    "年月日省市县区州盟旗镇乡道辖上个师团"
    # the last characters of verbs often written before a place: 提升|涟源市, 荣获|湖南省, 落户|雁峰区
    "定立升究获评得进解施户善居展挥动持快造现化务括处邻表布行悉访察盖射绕焦足托过准审销归属达列选请看"
)
# Words (two characters or more) commonly written right before a place name.
BOUNDARY_WORDS = frozenset(
    {
        "推进", "推动", "支持", "加快", "建设", "打造", "实现", "促进", "深化", "落实", "助力", "带动",
        "服务", "融入", "对接", "联动", "包括", "位于", "地处", "毗邻", "关于", "代表", "中共", "我们",
        "全面", "其中", "以及", "作为", "成为", "发布", "公布", "印发", "召开", "举行", "获悉", "来自",
        "前往", "走进", "走访", "调研", "考察", "视察", "覆盖", "辐射", "连接", "联合", "协同", "会同",
        "携手", "参加", "出席", "主持", "围绕", "聚焦", "立足", "依托", "面向", "相比", "超过", "高于",
        "低于", "领先", "位居", "记者", "通讯员", "报道", "批准", "通过", "审议", "设立", "撤销", "合并",
        "划入", "划归", "隶属", "建成", "创建", "改建", "新建", "扩建", "组建", "项目",
    }
)
_LONGEST_WORD = max(map(len, BOUNDARY_WORDS))

# Administrative suffixes, longest first: what a place name ends with.
SUFFIXES = (
    "高新技术产业开发区", "经济技术开发区", "高新技术开发区", "自由贸易试验区", "经济开发区", "技术开发区",
    "产业开发区", "综合保税区", "特别行政区", "工业园区", "产业园区", "开发区", "高新区", "经开区", "示范区",
    "试验区", "实验区", "合作区", "管理区", "保税区", "自贸区", "自治区", "自治州", "自治县", "自治旗",
    "新区", "园区", "地区", "林区", "街道", "省", "市", "州", "盟", "县", "旗", "区", "镇", "乡",
)
# Suffixes of a city (地级): the parent a document can name for a county, town or park.
PREFECTURE_SUFFIXES = ("自治州", "地区", "市", "州", "盟")

# Characters never inside a name written out of the gazetteer (function words, date ends), so
# 日在青岚县 and 年云川市 are not names. (日照市 and the like are the gazetteer's to find.)
_NOT_IN_NAME = "的了在从将把被向对与及于是为年月日"
_NAME = rf"(?:[\u4e00-\u9fff〇](?<![{_NOT_IN_NAME}]))"
_TOKEN = rf"{_NAME}{{1,4}}?(?:{'|'.join(SUFFIXES)})"
# A chain of names from the top down, the first possibly in brackets: (湖南省)株洲市石峰区.
CHAIN = re.compile(rf"(?:[(（]{_TOKEN}[)）])?(?:{_TOKEN}){{1,4}}")
TOKEN = re.compile(_TOKEN)

# Words that follow a document's own region in a title or an authority line (a year too:
# 云川市青岚县2022年国民经济…).
ANCHORS = re.compile(
    r"国民经济|经济(?:和)?社会|政府工作报告|统计公报|人民政府|人民代表大会|第[一二三四五六七八九十]+届|"
    r"“?十[一二三四五六]五|第十[一二三四五六]个五年|五年规划|规划纲要|"
    r"统计局|管委会|管理委员会|党工委|发展和改革|发改委|[省市县区州盟旗镇乡]长(?:\s|$|[:：,，])|"
    r"(?:19|20)\d\d\s?年"
)
MAX_CHAIN = 24  # characters a chain of names can take (湖南省株洲市石峰区清水塘街道 is 14)


def is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or ch == "〇"


def at_boundary(text: str, pos: int) -> bool:
    """Whether a place name can start at ``pos`` by what is written before it (its own
    vocabulary only; the gazetteer's names before it are checked by the caller)."""
    if pos == 0 or not is_cjk(text[pos - 1]) or text[pos - 1] in BOUNDARY_CHARS:
        return True
    lo = max(0, pos - _LONGEST_WORD)
    return any(text[k:pos] in BOUNDARY_WORDS for k in range(lo, pos - 1))


def place_chains(line: str) -> list[str]:
    """Place names a title or authority line gives as its subject, in order: the chain of
    names that starts at a boundary and runs up to an anchor word (云川市青岚县 in
    云川市青岚县2022年国民经济和社会发展统计公报; 青岚县 in 在青岚县第十九届人民代表大会)."""
    out = []
    for m in ANCHORS.finditer(line):
        chain = _chain_ending_at(line, m.start())
        if chain and chain not in out:
            out.append(chain)
    return out


def _chain_ending_at(line: str, end: int) -> str | None:
    """The longest chain of names that ends at ``end`` and starts at a boundary."""
    while end > 0 and line[end - 1] == " ":
        end -= 1
    for start in range(max(0, end - MAX_CHAIN), end - 1):
        if line[start] in "(（" or at_boundary(line, start):
            if opens_with_boundary_word(line, start, end):
                continue
            if CHAIN.fullmatch(line, start, end):
                return line[start:end]
    return None


def opens_with_boundary_word(line: str, start: int, end: int) -> bool:
    """Whether ``line[start:end]`` opens with 代表/关于/推进…: then it is that word and a name."""
    return any(line[start : start + k] in BOUNDARY_WORDS for k in range(2, min(_LONGEST_WORD, end - start - 1) + 1))


def split_chain(chain: str) -> list[str]:
    """The names of a chain, top down: 云川市青岚县 → [云川市, 青岚县] (brackets dropped)."""
    return TOKEN.findall(re.sub(r"[()（）]", "", chain))
