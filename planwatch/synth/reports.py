"""Yearly documents of a fictional region: work reports (政府工作报告), statistical bulletins
(统计公报) and news items, each stating actuals and (work reports, news) the year's targets.

A work report delivered in year Y reviews Y−1 (often with 预计 estimates that the bulletin
later corrects) and sets Y's 主要预期目标; the bulletin of year Y states Y's final figures.
"""

from __future__ import annotations

import random
from typing import Any

from planwatch.synth import filler, phrasing
from planwatch.synth.items import level_metric, observation, target
from planwatch.synth.paths import Track, quantize
from planwatch.synth.printing import Style, amount, pct, plain, quoted, year
from planwatch.synth.regions import Region
from planwatch.synth.textdoc import DocBuilder, SynthDoc

Sentence = tuple[str, list[dict[str, Any]]]
_SESSIONS = "一二三四五"
_GOAL_LEADS = ("今年经济社会发展的主要预期目标是：", "综合考虑各方面因素，今年发展的主要预期目标是：",
               "今年的主要预期目标为：", "建议今年经济社会发展的主要预期目标确定为：")
_BULLETIN_SECTIONS = (
    ("一、综合", ("gdp",)), ("二、固定资产投资", ("investment",)), ("三、国内贸易", ("retail",)),
    ("四、财政", ("revenue",)), ("五、人民生活", ("urban_income", "rural_income", "unemployment")),
    ("六、科技和教育", ("rd_share", "patents", "schooling")), ("七、卫生", ("doctors",)),
    ("八、农业和资源环境", ("grain", "forest", "air", "energy", "urbanization")),
)


def actual_sentence(t: Track, y: int, rng: random.Random, style: Style, estimated: bool,
                    name: str | None = None) -> Sentence | None:
    """One reported actual of year ``y`` (level and growth where the indicator has both)."""
    if not t.has_actual(y):
        return None
    spec = t.spec
    name = name or rng.choice(spec.names)
    values = dict(t.estimates.get(y, {})) if estimated else {}
    level = values.get("level", t.levels.get(y))
    growth = values.get("growth", t.growths.get(y))
    if spec.kind == "growth":
        assert level is not None and growth is not None
        pool = phrasing.ESTIMATED_LEVEL_AND_GROWTH if estimated else phrasing.LEVEL_AND_GROWTH
        marked = rng.choice(pool).format(n=name, v=amount(level, spec.unit, style),
                                         g=pct(growth, style))
        return marked, [observation(spec, "level", level, spec.unit, y, name=name, estimated=estimated),
                        observation(spec, "growth", growth, "%", y, name=name, estimated=estimated)]
    if spec.kind == "growth_only":
        assert growth is not None
        pool = phrasing.ESTIMATED_GROWTH_ONLY if estimated else phrasing.GROWTH_ONLY
        marked = rng.choice(pool).format(n=name, g=pct(growth, style))
        return marked, [observation(spec, "growth", growth, "%", y, name=name, estimated=estimated)]
    assert level is not None
    pool = (phrasing.ESTIMATED_LEVEL_ACTUAL if estimated
            else phrasing.CEILING_ACTUAL if t.lower else phrasing.LEVEL_ACTUAL)
    marked = rng.choice(pool).format(n=name, v=amount(level, spec.unit, style))
    return marked, [observation(spec, level_metric(spec), level, spec.unit, y, name=name,
                                estimated=estimated)]


def _join(parts: list[Sentence], end: str = "。") -> list[Sentence]:
    return [(m + (end if k == len(parts) - 1 else "，"), items) for k, (m, items) in enumerate(parts)]


def _enumerate(parts: list[Sentence], rng: random.Random) -> list[Sentence]:
    """（一）…；（二）…。 or 一是…；二是…。: goals as a work report often lists them."""
    style = rng.choice(("（{c}）", "{c}是", "{k}．"))
    last = len(parts) - 1
    return [(style.format(c="一二三四五六七八九十"[k], k=k + 1) + m + ("。" if k == last else "；"), items)
            for k, (m, items) in enumerate(parts)]


def compose_work_report(region: Region, tracks: dict[str, Track], rng: random.Random,
                        style: Style, delivered: int, web: bool, name: str) -> SynthDoc:
    b = DocBuilder(**style.builder_options())
    if web:
        b.boiler(f"首页 > 政务公开 > 政府工作报告 > {delivered}年")
    title = f"{delivered}年{region.full_name}人民政府工作报告"
    titled = rng.random() < 0.5
    b.heading(title if titled else "政府工作报告", 0)
    # Under a bare 政府工作报告 the session line names the region in full, as many real ones do
    # (在云川市青澜县第十八届人民代表大会): a county alone does not say which city it is in.
    session_place = region.name if titled else region.full_name
    b.boiler(f"——{delivered}年1月{rng.randint(5, 28)}日在{session_place}第十{rng.choice('七八九')}届"
             f"人民代表大会第{_SESSIONS[rng.randint(0, 4)]}次会议上")
    b.boiler(f"{region.name}{region.leader_title}")
    b.paragraph([("各位代表：", [])])
    b.paragraph([(f"现在，我代表{region.name}人民政府，向大会报告工作，请予审议，"
                  "并请{r}政协委员和其他列席人员提出意见。".format(r=region.scope[-1] + "级"), [])])
    last = delivered - 1
    b.heading(f"一、{year(last, style)}年工作回顾", 1)
    b.paragraph([(filler.sentences(filler.REVIEW, rng, 2, region.scope), [])])
    economy: list[Sentence] = []
    society: list[Sentence] = []
    paired = _income_pair(tracks, last, rng, style)
    if paired is not None:
        society.append(paired)
    for t in tracks.values():
        if t.spec.kind == "qualitative" or (paired and t.spec.key in _INCOMES):
            continue
        estimated = last in t.estimates or (t.spec.kind == "growth" and rng.random() < 0.25)
        s = actual_sentence(t, last, rng, style, estimated)
        if s is not None:
            if t.spec.kind != "level" and rng.random() < 0.15:  # a rank: digits-free, not data
                s = (s[0] + f"，增速居全市第{rng.choice('二三四五')}位", s[1])
            (economy if t.spec.category == "经济发展" else society).append(s)
    if economy:
        b.paragraph([("过去一年，经济运行稳中有进。", []), *_join(economy)])
    if society:
        b.paragraph([("社会事业和生态建设取得新进展。", []), *_join(society)])
    period_end = next(iter(tracks.values())).yt
    if last == period_end:
        review = period_review_sentences(tracks, rng, style)
        if review:
            b.paragraph([(f"{quoted('十四五', style)}时期，", []), *_join(review)])
    b.heading(f"二、{year(delivered, style)}年工作安排", 1)
    b.paragraph([(filler.sentences(filler.POLICY, rng, 2, region.scope), [])])
    goals = annual_goal_sentences(tracks, delivered, rng, style)
    if goals:
        joined = _enumerate(goals, rng) if rng.random() < 0.35 else _join(goals, "。")
        b.paragraph([(rng.choice(_GOAL_LEADS), []), *joined])
    b.paragraph([(filler.sentences(filler.POLICY, rng, 3, region.scope), [])])
    b.paragraph([("各位代表！新征程催人奋进，新使命呼唤担当。让我们团结一心、真抓实干，"
                  "奋力谱写高质量发展新篇章！", [])])
    return b.build(name=name, doc_type="work_report", region=region.full_name, parent=region.parent,
                   year=delivered, period=(last, delivered), title=title)


_INCOMES = ("urban_income", "rural_income")


def _income_pair(tracks: dict[str, Track], y: int, rng: random.Random, style: Style
                 ) -> Sentence | None:
    """城镇、农村居民人均可支配收入分别增长 7.5%、8.9%: two growth items, one quote."""
    pair = [tracks.get(k) for k in _INCOMES]
    if any(t is None or not t.has_actual(y) or y in t.estimates for t in pair) or rng.random() < 0.6:
        return None
    urban, rural = pair
    assert urban is not None and rural is not None
    g1, g2 = urban.growths[y], rural.growths[y]
    marked = rng.choice(phrasing.PAIR_GROWTH_ACTUAL).format(g1=pct(g1, style), g2=pct(g2, style))
    return marked, [observation(urban.spec, "growth", g1, "%", y),
                    observation(rural.spec, "growth", g2, "%", y)]


def period_review_sentences(tracks: dict[str, Track], rng: random.Random, style: Style
                            ) -> list[Sentence]:
    """At the end of a plan period: the realised average growth of the five years."""
    out: list[Sentence] = []
    for t in tracks.values():
        if t.spec.kind not in ("growth", "growth_only") or len(t.growths) < t.yt - t.y0:
            continue
        avg = quantize(sum(t.growths.values()) / len(t.growths), 1)
        name = rng.choice(t.spec.names)
        marked = rng.choice(phrasing.PERIOD_AVERAGE).format(n=name, g=pct(avg, style))
        out.append((marked, [observation(t.spec, "growth_avg", avg, "%", t.yt, name=name,
                                         period=(t.y0 + 1, t.yt))]))
    return out


def annual_goal_sentences(tracks: dict[str, Track], y: int, rng: random.Random,
                          style: Style) -> list[Sentence]:
    out: list[Sentence] = []
    for t in tracks.values():
        goal = t.annual.get(y)
        if goal is None:
            continue
        spec = t.spec
        name = rng.choice(spec.names)
        if spec.kind == "level":  # a ceiling such as the unemployment rate
            assert goal.value is not None
            marked = rng.choice(phrasing.ANNUAL_CEILING_TARGET).format(
                n=name, v=amount(goal.value, spec.unit, style))
            out.append((marked, [target(spec, level_metric(spec), "le", goal.value, spec.unit, y,
                                        name=name)]))
            continue
        if goal.comparator == "range":
            assert goal.low is not None and goal.high is not None
            sign = "％" if style.fullwidth else "%"
            marked = rng.choice(phrasing.ANNUAL_GROWTH_TARGET["range"]).format(
                n=name, lo=plain(goal.low) + rng.choice(("", sign)), hi=pct(goal.high, style))
            out.append((marked, [target(spec, "growth", "range", None, "%", y, name=name,
                                        low=goal.low, high=goal.high)]))
            continue
        assert goal.value is not None
        marked = rng.choice(phrasing.ANNUAL_GROWTH_TARGET[goal.comparator]).format(
            n=name, g=pct(goal.value, style))
        out.append((marked, [target(spec, "growth", goal.comparator, goal.value, "%", y, name=name)]))
    if out:
        out.append(("«居民收入增长和经济增长基本同步»", [{
            "kind": "target", "indicator": "居民人均可支配收入", "name": "居民收入",
            "indicator_id": "disposable_income", "metric": "qualitative", "comparator": None,
            "value": None, "low": None, "high": None, "unit": None, "year": y, "period": None,
            "text": "居民收入增长和经济增长基本同步", "_q": 0}]))
    return out


def compose_bulletin(region: Region, tracks: dict[str, Track], rng: random.Random, style: Style,
                     y: int, web: bool, name: str) -> SynthDoc:
    b = DocBuilder(**style.builder_options())
    if web:
        b.boiler(f"首页 > 统计数据 > 统计公报　　发布日期：{y + 1}-03-{rng.randint(10, 31)}")
    title = f"{region.full_name}{y}年国民经济和社会发展统计公报"
    b.heading(title, 0)
    b.boiler(f"{region.name}统计局")
    b.boiler(f"{year(y + 1, style)}年3月{rng.randint(10, 31)}日")
    for heading, keys in _BULLETIN_SECTIONS:
        parts: list[Sentence] = []
        for key in keys:
            t = tracks.get(key)
            if t is None:
                continue
            s = actual_sentence(t, y, rng, style, False, name=t.spec.names[0])
            if s is None:
                continue
            if key == "gdp":
                s = ("初步核算，全年" + s[0], s[1])
            parts.append(s)
        b.heading(heading, 1)
        if parts:
            b.paragraph(_join(parts))
            if heading.startswith("一") and rng.random() < 0.5:  # a chart caption: years, not data
                b.boiler(f"图1  {y - 4}-{y}年地区生产总值及其增长速度")
        else:
            b.paragraph([("全年各项工作有序推进。", [])])
    b.paragraph([("注：本公报数据为初步统计数，部分数据因四舍五入的原因，存在总计与分项合计不等的情况。", [])])
    return b.build(name=name, doc_type="bulletin", region=region.full_name, parent=region.parent,
                   year=y, period=(y, y), title=title)


def compose_news(region: Region, tracks: dict[str, Track], rng: random.Random, style: Style,
                 y: int, name: str) -> SynthDoc:
    """A news item early in year y+1: last year's results and this year's goals, with web
    furniture (navigation, share buttons, 备案号) around it."""
    b = DocBuilder(**style.builder_options())
    b.boiler(f"{region.parent or region.name}新闻网 | 首页 | 时政要闻 | 区县动态 | 专题 | 视频")
    title = f"{region.short}：{y}年经济运行稳中向好 {y + 1}年目标明确"
    b.heading(title, 0)
    b.boiler(f"{y + 1}-02-{rng.randint(10, 28)} 08:{rng.randint(10, 59)}  来源：{region.parent or region.name}日报  "
             "【字体：大 中 小】")
    # A county-level city (芷汀市) reads as a city of its own: its first mention names the
    # city above it (翠屿市芷汀市), so the item says which place it is about.
    source = region.full_name if region.parent and region.name.endswith("市") else region.name
    lead = (f"本报讯（记者 {rng.choice('林陈周吴郑')}{rng.choice('晓雨思嘉')}）记者从{source}"
            f"统计局获悉，{year(y, style)}年，")
    parts: list[Sentence] = []
    picked = [tracks[k] for k in ("gdp", "revenue", "investment", "retail") if k in tracks]
    for t in rng.sample(picked, min(2, len(picked))):
        s = actual_sentence(t, y, rng, style, False)
        if s is not None:
            parts.append(s)
    if parts:
        b.paragraph([(lead, []), *_join(parts)])
    goals = annual_goal_sentences(tracks, y + 1, rng, style)
    if goals:
        b.paragraph([(f"{y + 1}年，{region.name}将", []), *_join(goals[:2])])
    b.paragraph([(filler.sentences(filler.POLICY, rng, 2, region.scope), [])])
    b.boiler("分享到：微信 微博 QQ空间")
    b.boiler(f"主办：{region.parent or region.name}日报社  备案号：云ICP备{rng.randint(10000000, 99999999)}号-1  "
             f"联系电话：0{rng.randint(700, 799)}-{rng.randint(2000000, 8999999)}")
    return b.build(name=name, doc_type="news", region=region.full_name, parent=region.parent,
                   year=y + 1, period=(y, y + 1), title=title)
