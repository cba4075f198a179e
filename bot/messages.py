"""Every user-facing string, zh-Hans (default) and English. Code asks for a key, never writes prose.

Verdict rationales and signal messages come from the verdict engine's own texts (bot/verdicts/texts.py).
"""

from __future__ import annotations

from typing import Any

DEFAULT_LOCALE = "zh-Hans"

CATALOG: dict[str, dict[str, str]] = {
    # errors shown at the edges
    "empty_query": {
        "zh-Hans": "请输入要核查的说法，例如：/checkclaim 北京两周内日增病例下降六成",
        "en": "Please type the claim to check, e.g. /checkclaim Beijing daily cases fell 62% in two weeks",
    },
    "query_too_long": {
        "zh-Hans": "这段文字太长了（上限 {limit} 字）。请只粘贴要核查的那句话。",
        "en": "That text is too long (limit {limit} characters). Please paste just the sentence to check.",
    },
    "not_reviewer": {
        "zh-Hans": "只有核查编辑可以修改结论。如需权限，请联系管理员。",
        "en": "Only fact-check reviewers can change a verdict. Ask an admin if you need access.",
    },
    "bad_label": {
        "zh-Hans": "无法识别的结论：{label}。可用：属实、基本属实、误导、不实、缺乏依据、观点。",
        "en": "Unknown verdict: {label}. Use one of: true, mostly_true, misleading, false, unsupported, opinion.",
    },
    "not_found": {"zh-Hans": "找不到：{what}", "en": "Not found: {what}"},
    "internal_error": {
        "zh-Hans": "出了点问题，请稍后再试。你的请求已记录。",
        "en": "Something went wrong; please try again later. Your request was recorded.",
    },
    # CLI
    "cli_ingested": {
        "zh-Hans": "{article_id}：{status}，{claims} 条说法（新增 {added}，保留 {kept}，停用 {retired}），{seconds:.2f} 秒",
        "en": "{article_id}: {status}, {claims} claims ({added} added, {kept} kept, {retired} retired) in {seconds:.2f}s",
    },
    "cli_no_claims": {"zh-Hans": "还没有任何说法。先运行 factbot ingest 文章.txt", "en": "No claims yet. Run factbot ingest ARTICLE.txt"},
    "status_matched": {"zh-Hans": "找到对应说法", "en": "Matched"},
    "status_ambiguous": {"zh-Hans": "有多条相近的说法", "en": "Several close claims"},
    "status_no_match": {
        "zh-Hans": "没有找到对应的说法：已收录的文章里没有这句话的内容。",
        "en": "No match: none of the ingested articles makes this claim.",
    },
    "cli_query": {"zh-Hans": "查询：{query}", "en": "Query: {query}"},
    "cli_claim": {"zh-Hans": "说法：{text}", "en": "Claim: {text}"},
    "cli_article": {"zh-Hans": "文章：{title}（{article_id}）", "en": "Article: {title} ({article_id})"},
    "cli_score": {"zh-Hans": "匹配度：{score:.2f}", "en": "Score: {score:.2f}"},
    "cli_verdict": {"zh-Hans": "结论：{label}（置信度 {confidence:.0%}）", "en": "Verdict: {label} (confidence {confidence:.0%})"},
    "cli_rationale": {"zh-Hans": "理由：{text}", "en": "Why: {text}"},
    "cli_signal": {"zh-Hans": "  · {message}", "en": "  · {message}"},
    "cli_evidence": {"zh-Hans": "      依据：{statement} —— {source} {url}", "en": "      Evidence: {statement} — {source} {url}"},
    "cli_alternatives": {"zh-Hans": "其他相近说法：", "en": "Close alternatives:"},
    "cli_alternative": {"zh-Hans": "  {score:.2f}  {text}", "en": "  {score:.2f}  {text}"},
    "cli_exported": {"zh-Hans": "已导出 {count} 条核查结论到 {path}", "en": "Exported {count} reviews to {path}"},
}


def t(key: str, locale: str = DEFAULT_LOCALE, **values: Any) -> str:
    """The message for ``key`` in ``locale`` (falling back to zh-Hans), formatted with ``values``."""
    entry = CATALOG[key]
    template = entry.get(locale) or entry[DEFAULT_LOCALE]
    return template.format(**values) if values else template
