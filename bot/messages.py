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
    "cli_no_claims": {
        "zh-Hans": "还没有任何说法。先运行 factbot ingest 文章.txt",
        "en": "No claims yet. Run factbot ingest ARTICLE.txt",
    },
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
    "cli_verdict": {
        "zh-Hans": "结论：{label}（置信度 {confidence:.0%}）",
        "en": "Verdict: {label} (confidence {confidence:.0%})",
    },
    "cli_verdict_pending": {"zh-Hans": "结论：{label}", "en": "Verdict: {label}"},
    "cli_rationale": {"zh-Hans": "理由：{text}", "en": "Why: {text}"},
    "cli_signal": {"zh-Hans": "  · {message}", "en": "  · {message}"},
    "cli_evidence": {
        "zh-Hans": "      依据：{statement} —— {source} {url}",
        "en": "      Evidence: {statement} — {source} {url}",
    },
    "cli_alternatives": {"zh-Hans": "其他相近说法：", "en": "Close alternatives:"},
    "cli_alternative": {"zh-Hans": "  {score:.2f}  {text}", "en": "  {score:.2f}  {text}"},
    "cli_exported": {
        "zh-Hans": "已导出 {count} 条核查结论到 {path}",
        "en": "Exported {count} reviews to {path}",
    },
    # --- Slack app (bot/slack/) ---
    "slack_usage": {
        "zh-Hans": "*用法*：`/checkclaim 要核查的说法`，例如 `/checkclaim 本市去年地区生产总值增长5.1%`。\n"
        "我会在频道里贴出结果卡片，并在讨论串里给出理由和依据。核查编辑可以在讨论串里用按钮或 "
        "`@factbot verdict 不实 理由…` 修改结论。",
        "en": "*Usage*: `/checkclaim CLAIM`, e.g. `/checkclaim the city's GDP grew 5.1% last year`.\n"
        "I post a card in the channel and the reasons and evidence in its thread. Reviewers can change the "
        "verdict with the button or with `@factbot verdict false reason…` in the thread.",
    },
    "slack_no_claim": {
        "zh-Hans": "这条核查没有对应的说法，无法给出结论。",
        "en": "This check has no matched claim, so there is nothing to rule on.",
    },
    "slack_not_asker": {
        "zh-Hans": "只有提问的人或核查编辑可以更换对应的说法。",
        "en": "Only the person who asked, or a reviewer, can pick another claim.",
    },
    "slack_cannot_post": {
        "zh-Hans": "我无法在这个频道发消息（{error}）。请先把我加入频道（/invite @factbot），再试一次。",
        "en": "I can't post in this channel ({error}). Invite me first (/invite @factbot), then try again.",
    },
    "slack_card_fallback": {"zh-Hans": "核查：{query}（{label}）", "en": "Check: {query} ({label})"},
    "slack_asked_by": {"zh-Hans": "{user} 提问：", "en": "{user} asked:"},
    "slack_matched_claim": {"zh-Hans": "*对应说法*：{text}", "en": "*Matched claim*: {text}"},
    "slack_verdict_badge": {"zh-Hans": "*结论*：{badge}", "en": "*Verdict*: {badge}"},
    "slack_by_reviewer": {"zh-Hans": "核查编辑 {user} 裁定", "en": "ruled by reviewer {user}"},
    "slack_by_engine": {
        "zh-Hans": "自动判断，置信度 {confidence:.0%}",
        "en": "automated, confidence {confidence:.0%}",
    },
    "slack_by_engine_pending": {
        "zh-Hans": "自动判断：等待人工核查",
        "en": "automated: waits for a fact-checker",
    },
    "slack_see_thread": {"zh-Hans": "理由和依据见讨论串。", "en": "Reasons and evidence in the thread."},
    "slack_ambiguous": {
        "zh-Hans": "有几条相近的说法，先显示最接近的一条；如果不对，请点「不是这条」。",
        "en": 'Several claims are close; showing the closest. If it is wrong, press "Not the right claim".',
    },
    "slack_no_match": {
        "zh-Hans": "没有找到对应的说法：已收录的文章里没有这句话。我不会猜测它的真假。",
        "en": "No match: none of the ingested articles makes this claim. I won't guess whether it is true.",
    },
    "slack_rationale": {"zh-Hans": "*理由*：{text}", "en": "*Why*: {text}"},
    "slack_signals": {"zh-Hans": "*核查信号*", "en": "*Signals*"},
    "slack_evidence": {"zh-Hans": "*依据*", "en": "*Evidence*"},
    "slack_reviewer_evidence": {"zh-Hans": "核查编辑提供的依据", "en": "Reviewer's evidence"},
    "slack_place": {
        "zh-Hans": "*出处*：《{title}》第 {paragraph} 段",
        "en": "*Where*: \u201c{title}\u201d, paragraph {paragraph}",
    },
    "slack_context": {"zh-Hans": "上下文：{text}", "en": "Context: {text}"},
    "slack_alternatives": {"zh-Hans": "*其他相近说法*", "en": "*Close alternatives*"},
    "slack_btn_change": {"zh-Hans": "修改结论", "en": "Change verdict"},
    "slack_btn_not_right": {"zh-Hans": "不是这条", "en": "Not the right claim"},
    "slack_btn_propose": {"zh-Hans": "作为新说法提交核查", "en": "Open as a new claim for review"},
    "slack_pick_alternative": {"zh-Hans": "选择正确的说法：", "en": "Pick the right claim:"},
    "slack_pick_placeholder": {"zh-Hans": "相近说法", "en": "Close claims"},
    "slack_no_alternatives": {
        "zh-Hans": "没有其他相近的说法。可以把原话作为新说法提交核查。",
        "en": "There are no other close claims. You can open the text as a new claim for review.",
    },
    "slack_modal_title": {"zh-Hans": "修改结论", "en": "Change verdict"},
    "slack_modal_submit": {"zh-Hans": "保存", "en": "Save"},
    "slack_modal_cancel": {"zh-Hans": "取消", "en": "Cancel"},
    "slack_modal_label": {"zh-Hans": "结论", "en": "Verdict"},
    "slack_modal_rationale": {"zh-Hans": "理由", "en": "Reason"},
    "slack_modal_evidence": {"zh-Hans": "依据链接（可选）", "en": "Evidence URL (optional)"},
    "slack_bad_url": {
        "zh-Hans": "请填写以 http:// 或 https:// 开头的链接。",
        "en": "Use a link starting with http:// or https://.",
    },
    "slack_empty_rationale": {"zh-Hans": "请写明理由。", "en": "Please give a reason."},
    "slack_notice_changed": {
        "zh-Hans": ":memo: {user} 将结论由 {old} 改为 {new}。理由：{rationale}",
        "en": ":memo: {user} changed the verdict from {old} to {new}. Reason: {rationale}",
    },
    "slack_notice_changed_elsewhere": {
        "zh-Hans": ":memo: 另一个讨论中，{user} 将这条说法的结论由 {old} 改为 {new}。理由：{rationale}",
        "en": ":memo: In another thread, {user} changed this claim's verdict from {old} to {new}. "
        "Reason: {rationale}",
    },
    "slack_notice_repointed": {
        "zh-Hans": ":leftwards_arrow_with_hook: {user} 把这次核查改为对应另一条说法，新的结论见下。",
        "en": ":leftwards_arrow_with_hook: {user} pointed this check at another claim; its verdict follows.",
    },
    "slack_notice_proposed": {
        "zh-Hans": ":inbox_tray: {user} 已把这段话作为新说法提交核查编辑。",
        "en": ":inbox_tray: {user} sent this text to the reviewers as a new claim.",
    },
    "slack_repointed_ok": {"zh-Hans": "已更换对应说法。", "en": "Done: the check now points at that claim."},
    "slack_mention_help": {
        "zh-Hans": "在核查讨论串里这样修改结论：`@factbot verdict 不实 理由…`（结论可用中文或英文）。",
        "en": "In a check's thread, change the verdict with `@factbot verdict false reason…` "
        "(English or Chinese labels).",
    },
    "slack_not_a_check_thread": {
        "zh-Hans": "这里不是核查讨论串。请在 factbot 的结果卡片下回复。",
        "en": "This is not a check's thread. Reply under one of factbot's cards.",
    },
    "slack_home_title": {"zh-Hans": "factbot 核查台", "en": "factbot review desk"},
    "slack_home_counts": {
        "zh-Hans": "共 {checks} 次核查，涉及 {claims} 条说法；{unreviewed} 条待编辑裁定，"
        "{no_match} 次未找到，"
        "{proposed} 条新说法待处理，编辑已裁定 {reviewer_verdicts} 次。",
        "en": "{checks} checks of {claims} claims; {unreviewed} awaiting a reviewer, {no_match} unmatched, "
        "{proposed} proposed new claims, {reviewer_verdicts} reviewer rulings.",
    },
    "slack_home_queue": {"zh-Hans": "待裁定（最早的在前）", "en": "Review queue (oldest first)"},
    "slack_home_disputed": {"zh-Hans": "有讨论、待裁定", "en": "Disputed, awaiting a ruling"},
    "slack_home_proposed": {"zh-Hans": "提交的新说法", "en": "Proposed new claims"},
    "slack_home_recent": {"zh-Hans": "最近的结论修改", "en": "Recent verdict changes"},
    "slack_home_empty": {"zh-Hans": "暂无。", "en": "Nothing here."},
    "slack_home_failed": {
        "zh-Hans": "未能发出的消息（已放弃重试）",
        "en": "Posts that failed (no more retries)",
    },
    "slack_home_failed_item": {
        "zh-Hans": "{kind}，核查 #{check}，频道 {channel}：`{error}`（尝试 {attempts} 次，{when}）",
        "en": "{kind} of check #{check} in {channel}: `{error}` ({attempts} attempts, {when})",
    },
    "slack_home_entry": {
        "zh-Hans": "{badge} {text}\n_{checks} 次核查，首次 {first}_",
        "en": "{badge} {text}\n_{checks} checks, first on {first}_",
    },
    "slack_home_change": {
        "zh-Hans": "{badge} {text}\n_{user}，{when}_",
        "en": "{badge} {text}\n_{user}, {when}_",
    },
    "slack_home_proposal": {"zh-Hans": "{text}\n_{user}，{when}_", "en": "{text}\n_{user}, {when}_"},
    "slack_more": {"zh-Hans": "……另有 {count} 条", "en": "…and {count} more"},
    # --- digest (bot/digest/build.py, bot/slack/digest.py, factbot digest) ---
    "digest_title": {"zh-Hans": "核查摘要 {start} – {end}", "en": "Fact-check digest {start} – {end}"},
    "digest_nothing_new": {
        "zh-Hans": "核查摘要 {start} – {end}：没有新的核查、结论变化或文章。",
        "en": "Fact-check digest {start} – {end}: nothing new (no checks, verdict changes or articles).",
    },
    "digest_summary": {
        "zh-Hans": "{checks} 次核查，涉及 {claims} 条说法；{unmatched} 次没有找到对应说法。",
        "en": "{checks} checks of {claims} claims; {unmatched} found no matching claim.",
    },
    "digest_distribution": {
        "zh-Hans": "这些说法的当前结论：{items}",
        "en": "Their current verdicts: {items}",
    },
    "digest_changes": {"zh-Hans": "结论变化", "en": "Verdict changes"},
    "digest_change_line": {
        "zh-Hans": "{old} → {new}：{text}（{who}）",
        "en": "{old} → {new}: {text} ({who})",
    },
    "digest_by_engine": {"zh-Hans": "factbot 自动评估", "en": "factbot, automated"},
    "digest_waiting": {
        "zh-Hans": "待编辑裁定（最早的在前，共 {total} 条）",
        "en": "Waiting for review (oldest first, {total} in all)",
    },
    "digest_waiting_line": {
        "zh-Hans": "{badge} {text}（{checks} 次核查，首次 {first}）",
        "en": "{badge} {text} (checked {checks}×, first on {first})",
    },
    "digest_top": {"zh-Hans": "核查最多的说法", "en": "Most-checked claims"},
    "digest_top_line": {"zh-Hans": "{checks} 次 · {badge} {text}", "en": "{checks}× · {badge} {text}"},
    "digest_articles": {"zh-Hans": "新收录的文章", "en": "New articles"},
    "digest_article_line": {"zh-Hans": "{title}（{claims} 条说法）", "en": "{title} ({claims} claims)"},
    "digest_thread": {"zh-Hans": "讨论串", "en": "thread"},
    "digest_more": {"zh-Hans": "……另有 {count} 条", "en": "…and {count} more"},
    "digest_times": {"zh-Hans": "时间均为 {tz}。", "en": "Times are {tz}."},
    "digest_preview": {
        "zh-Hans": "预览：当前周期到现在为止的摘要，尚未发布，只有你能看到。",
        "en": "Preview: the current period so far. Not posted; only you can see it.",
    },
    "digest_preview_no_channel": {
        "zh-Hans": "尚未配置摘要频道（FACTBOT_DIGEST_CHANNEL），不会定时发布。",
        "en": "No digest channel is configured (FACTBOT_DIGEST_CHANNEL), so none is posted on schedule.",
    },
    "digest_preparing": {"zh-Hans": "正在生成摘要预览……", "en": "Preparing the digest preview…"},
    "digest_no_channel": {
        "zh-Hans": "没有配置摘要频道：请设置 FACTBOT_DIGEST_CHANNEL。",
        "en": "No digest channel: set FACTBOT_DIGEST_CHANNEL.",
    },
    "digest_bad_since": {
        "zh-Hans": "无法识别的时间：{value}。请用 ISO 格式，例如 2026-03-01T09:00+08:00。",
        "en": "Cannot read the time {value}. Use ISO format, e.g. 2026-03-01T09:00+08:00.",
    },
    "cli_digest_posted": {
        "zh-Hans": "摘要已发布到 {channel}（ts {ts}）。",
        "en": "Digest posted to {channel} (ts {ts}).",
    },
    "cli_digest_queued": {
        "zh-Hans": "摘要已排队，但这次没有发出（{error}）：factbot serve 会重试。",
        "en": "Digest queued but not posted yet ({error}): factbot serve will retry it.",
    },
    "cli_digest_failed": {
        "zh-Hans": "摘要发布失败：{error}",
        "en": "The digest could not be posted: {error}",
    },
    "cli_digest_skipped": {
        "zh-Hans": "这段时间没有新内容；按 FACTBOT_DIGEST_SKIP_EMPTY 没有发布。",
        "en": "Nothing new in the period; not posted (FACTBOT_DIGEST_SKIP_EMPTY).",
    },
    "cli_digest_taken": {
        "zh-Hans": "这一时刻的摘要已经被认领，没有重复发布。",
        "en": "A digest for this moment was already claimed; nothing posted twice.",
    },
}


def t(key: str, locale: str = DEFAULT_LOCALE, **values: Any) -> str:
    """The message for ``key`` in ``locale`` (falling back to zh-Hans), formatted with ``values``."""
    entry = CATALOG[key]
    template = entry.get(locale) or entry[DEFAULT_LOCALE]
    return template.format(**values) if values else template
