"""The dashboard's words in Chinese (first) and English, as one table.

Templates call ``t("key")``; the language comes from ``?lang=`` or the ``lang`` cookie. Status
words follow the national mid-term evaluation's vocabulary (STATUS_SPEC), so an official reads
the same words as in the government's own reports.
"""

from __future__ import annotations

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"

TEXTS: dict[str, tuple[str, str]] = {
    # chrome
    "app_title": ("规划监测评估", "Plan monitoring"),
    "nav_overview": ("总览", "Overview"),
    "nav_search": ("检索", "Search"),
    "nav_documents": ("文档", "Documents"),
    "nav_upload": ("上传与录入", "Upload & entry"),
    "nav_api": ("接口", "API"),
    "switch_lang": ("English", "中文"),
    "login": ("登录", "Log in"),
    "logout": ("退出", "Log out"),
    "logged_in_as": ("当前令牌", "Token"),
    "token": ("访问令牌", "Access token"),
    "token_help": ("写入（上传、录入）需要令牌，由管理员用 planwatch token create 生成。",
                   "Writes (upload, data entry) need a token, created with planwatch token create."),
    "footer": ("数据均来自原文，点击数字可查看出处。",
               "Every figure comes from a document; click a number to see where."),
    # overview
    "regions": ("地区", "Regions"),
    "region": ("地区", "Region"),
    "plans": ("规划", "Plans"),
    "documents": ("文档", "Documents"),
    "indicators": ("指标", "Indicators"),
    "warnings": ("预警", "Warnings"),
    "no_regions": ("还没有数据。请先导入文档：planwatch ingest 文件夹/",
                   "No data yet. Ingest documents first: planwatch ingest FOLDER/"),
    "status_counts": ("完成情况", "Status"),
    "as_of": ("评估年份", "As of"),
    "summary_pending": ("评估中，请稍后刷新", "Being evaluated; reload in a moment"),
    "summary_stale": ("数据已更新，正在重新评估（显示上次结果）", "Data changed; re-evaluating (earlier result shown)"),
    "updating": ("个地区正在评估，请稍后刷新", "regions being evaluated; reload in a moment"),
    # region page
    "indicator_table": ("主要指标完成情况", "Main indicators"),
    "seq": ("序号", "No."),
    "indicator": ("指标", "Indicator"),
    "unit": ("单位", "Unit"),
    "attribute": ("属性", "Type"),
    "baseline": ("基期值", "Baseline"),
    "target": ("目标值", "Target"),
    "latest": ("最新值", "Latest"),
    "expected_now": ("序时进度", "Expected now"),
    "progress": ("进度", "Progress"),
    "status": ("状态", "Status"),
    "warning": ("预警", "Warning"),
    "projects": ("重点项目", "Key projects"),
    "investment": ("总投资", "investment"),
    "annual_targets": ("年度目标", "Annual targets"),
    "year": ("年份", "Year"),
    "value": ("数值", "Value"),
    "source": ("出处", "Source"),
    "sources": ("出处", "Sources"),
    "no_evaluation": ("尚无评估结果。", "No evaluation yet."),
    "binding": ("约束性", "binding"),
    "expected": ("预期性", "expected"),
    "veto": ("一票否决", "veto"),
    "change": ("变化", "Change"),
    # indicator page
    "trajectory": ("实际值与目标路径", "Actuals against the target path"),
    "actual": ("实际值", "Actual"),
    "target_path": ("目标路径", "Target path"),
    "same_indicator": ("各地区同一指标", "Same indicator across regions"),
    "targets": ("目标", "Targets"),
    "observations": ("实际值", "Actuals"),
    "estimated": ("预计", "estimate"),
    # document page
    "document": ("文档", "Document"),
    "doc_type": ("类型", "Type"),
    "period": ("时期", "Period"),
    "extractions": ("提取结果", "Extractions"),
    "record": ("记录", "Record"),
    "used_by": ("被引用于", "Used by"),
    "sections": ("章节", "Sections"),
    "glossary": ("名词解释", "Glossary"),
    "click_number": ("点击高亮的数字查看其记录及引用。",
                     "Click a highlighted number to see its record and what uses it."),
    # record kinds
    "kind_target": ("目标", "target"),
    "kind_observation": ("实际值", "actual"),
    "kind_row": ("指标表", "table row"),
    "kind_glossary": ("名词解释", "glossary"),
    "kind_project": ("重点项目", "project"),
    "kind_section": ("章节", "section"),
    "kind_table": ("指标表", "table"),
    "kind_region": ("地区", "region"),
    "kind_indicator": ("指标", "indicator"),
    # search
    "search": ("检索", "Search"),
    "search_in_document": ("在本文档中检索", "Search this document"),
    "search_placeholder": ("输入关键词，如 森林、产业、GDP", "Keywords, e.g. 森林, 产业, GDP"),
    "results": ("条结果", "results"),
    "no_results": ("没有找到结果。", "No results."),
    "unranked": ("结果较多，按时间由新到旧排列，可用筛选缩小范围",
                 "many matches: newest first; narrow with the filters"),
    "section": ("章节", "Section"),
    "all": ("全部", "All"),
    "filter": ("筛选", "Filter"),
    # upload
    "upload_document": ("上传文档", "Upload a document"),
    "upload_actuals": ("导入实际值（CSV/XLSX）", "Import actuals (CSV/XLSX)"),
    "enter_observation": ("录入实际值", "Enter an actual"),
    "file": ("文件", "File"),
    "submit": ("提交", "Submit"),
    "delete": ("删除此文档", "Delete this document"),
    "title": ("标题", "Title"),
    "need_token": ("需要有效的访问令牌才能写入。", "A valid access token is required to write."),
    "saved": ("已保存", "Saved"),
    "audit": ("操作记录", "Audit log"),
    "export": ("导出", "Export"),
    "not_found": ("未找到", "Not found"),
    "error": ("错误", "Error"),
    "back_home": ("返回总览", "Back to overview"),
    # doc types
    "type_plan": ("规划纲要", "Plan"),
    "type_work_report": ("政府工作报告", "Work report"),
    "type_bulletin": ("统计公报", "Statistical bulletin"),
    "type_evaluation": ("评估报告", "Evaluation"),
    "type_news": ("新闻", "News"),
    "type_listing": ("列表页", "Listing"),
    "type_other": ("其他", "Other"),
    # statuses (STATUS_SPEC)
    "st_exceeded": ("超额完成", "exceeded"),
    "st_met": ("完成", "met"),
    "st_nearly_met": ("基本完成", "nearly met"),
    "st_missed": ("未完成", "missed"),
    "st_achieved_early": ("提前实现", "achieved early"),
    "st_ahead": ("快于预期", "ahead"),
    "st_on_track": ("基本符合预期", "on track"),
    "st_lagging": ("滞后", "lagging"),
    "st_no_data": ("无数据", "no data"),
    "st_manual": ("需人工判断", "manual review"),
    "st_insufficient_data": ("数据不足", "insufficient data"),
    "st_unquantified": ("未量化", "unquantified"),
    "warn_1": ("一级预警", "level 1 (severe)"),
    "warn_2": ("二级预警", "level 2"),
    "warn_3": ("三级（正常）", "level 3 (on track)"),
}

# Status codes in the order the overview lists them: problems first.
STATUS_ORDER = ("missed", "lagging", "nearly_met", "on_track", "ahead", "achieved_early", "met",
                "exceeded", "manual", "insufficient_data", "unquantified", "no_data")
STATUS_TONE = {  # colour class of a badge
    "missed": "bad", "lagging": "bad", "nearly_met": "warn", "on_track": "ok", "ahead": "good",
    "achieved_early": "good", "met": "ok", "exceeded": "good", "manual": "muted",
    "insufficient_data": "muted", "unquantified": "muted", "no_data": "muted",
}


def pick_lang(query_value: str | None, cookie_value: str | None) -> str:
    for value in (query_value, cookie_value):
        if value in LANGS:
            return value
    return DEFAULT_LANG


def translate(key: str, lang: str) -> str:
    pair = TEXTS.get(key)
    if pair is None:
        return key
    return pair[0] if lang == "zh" else pair[1]


def status_label(code: str | None, lang: str) -> str:
    return translate(f"st_{code}", lang) if code else "—"
