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
    "pick_unknown": {
        "zh-Hans": "找不到这次核查或这条候选说法，这个按钮可能已经过期。什么都没有改动。",
        "en": "I can't find that check or that choice; the button may be out of date. Nothing was changed.",
    },
    "pick_stale": {
        "zh-Hans": "这次核查已经有人选过了，什么都没有改动。如需更换，请点「不是这条」。",
        "en": 'Someone already chose for this check; nothing was changed. To change it, press "Not the right claim".',
    },
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
    "status_no_match_close": {
        "zh-Hans": "没有找到对应的说法：已收录的文章里没有这样说的。",
        "en": "No match: none of the ingested articles says it this way.",
    },
    "cli_query": {"zh-Hans": "查询：{query}", "en": "Query: {query}"},
    "cli_claim": {"zh-Hans": "说法：{text}", "en": "Claim: {text}"},
    "cli_part": {
        "zh-Hans": "整段没有对应的说法；其中这一句对得上：{part}",
        "en": "The text as a whole matches no claim; this part of it does: {part}",
    },
    "cli_article": {"zh-Hans": "文章：{title}（{article_id}）", "en": "Article: {title} ({article_id})"},
    "cli_score": {"zh-Hans": "匹配度：{score:.2f}", "en": "Score: {score:.2f}"},
    "cli_verdict": {
        "zh-Hans": "结论：{label}（置信度 {confidence:.0%}）",
        "en": "Verdict: {label} (confidence {confidence:.0%})",
    },
    "cli_verdict_pending": {"zh-Hans": "结论：{label}", "en": "Verdict: {label}"},
    # claim families (bot/desk/families.py): a ruling carried from another appearance of the claim
    "cli_carried": {
        "zh-Hans": "沿用的结论：{author} 于 {when} 对说法 {claim_id}（文章 {article_id}）的裁定（说法族 #{family_id}），依据：{url}",
        "en": "Carried ruling: {author} ruled on {when} on claim {claim_id} (article {article_id}), claim family #{family_id}; evidence: {url}",
    },
    "cli_family": {
        "zh-Hans": "说法族 #{family_id}：{count} 处出现",
        "en": "Claim family #{family_id}: {count} appearances",
    },
    "cli_family_ruling": {
        "zh-Hans": "结论：{label}（裁定于说法 {claim_id}）",
        "en": "Ruling: {label} (made on claim {claim_id})",
    },
    "cli_family_member": {
        "zh-Hans": "  {claim_id}  {article_id}  {text}",
        "en": "  {claim_id}  {article_id}  {text}",
    },
    "cli_family_event": {
        "zh-Hans": "  {at}  {event}  {claim_id}  {actor}",
        "en": "  {at}  {event}  {claim_id}  {actor}",
    },
    "slack_carried": {
        "zh-Hans": "沿用 {author} 于 {when} 对同一说法的裁定（见《{title}》{thread}）",
        "en": "Carried from {author}'s ruling of {when} on the same claim (in “{title}”{thread})",
    },
    "slack_carried_thread": {"zh-Hans": "，<{url}|讨论串>", "en": ", <{url}|thread>"},
    "slack_also_in": {
        "zh-Hans": "这一说法还出现在另外 {count} 篇文章中：{links}",
        "en": "Also in {count} other articles: {links}",
    },
    "family_offer": {
        "zh-Hans": "这一说法还出现在另外 {count} 处（说法族 #{family_id}）。要把这个结论用于这些出现吗？或把本条从说法族中拆出？",
        "en": "This claim appears in {count} other places (claim family #{family_id}). Apply this ruling to them, or split this claim out of the family?",
    },
    "family_apply_btn": {"zh-Hans": "用于全部出现", "en": "Apply to all appearances"},
    "family_split_btn": {"zh-Hans": "拆出本条", "en": "Split this claim out"},
    "family_applied": {
        "zh-Hans": "已把结论用于 {count} 处出现（{user} 记录）。",
        "en": "Applied the ruling to {count} appearances (recorded for {user}).",
    },
    "family_split_done": {
        "zh-Hans": "已把本条从说法族 #{family_id} 拆出（{user} 记录）。",
        "en": "Split this claim out of claim family #{family_id} (recorded for {user}).",
    },
    "checkclaim_family": {
        "zh-Hans": "同一说法出现在 {count} 篇文章中：{links}",
        "en": "The same claim appears in {count} articles: {links}",
    },
    "digest_reappeared": {
        "zh-Hans": "已裁定的说法再次出现",
        "en": "Ruled claims that reappeared",
    },
    "digest_reappeared_line": {
        "zh-Hans": "{label}｜{text}（新出现于《{title}》）",
        "en": "{label} | {text} (new in “{title}”)",
    },
    "cli_rationale": {"zh-Hans": "理由：{text}", "en": "Why: {text}"},
    "cli_signal": {"zh-Hans": "  · {message}", "en": "  · {message}"},
    "cli_evidence": {
        "zh-Hans": "      依据：{statement} —— {source} {url}",
        "en": "      Evidence: {statement} — {source} {url}",
    },
    "cli_alternatives": {"zh-Hans": "其他相近说法：", "en": "Close alternatives:"},
    "cli_differs": {
        "zh-Hans": "已收录的文章里有相近的说法，但数字或日期不同：",
        "en": "The ingested articles make a close claim, but with another figure or date:",
    },
    "cli_set_aside": {
        "zh-Hans": "此前被认为都不是的相近说法：",
        "en": "Close claims someone said it is none of:",
    },
    "cli_offered": {"zh-Hans": "  · {text}（{label}）", "en": "  · {text} ({label})"},
    "cli_alternative": {"zh-Hans": "  {score:.2f}  {text}", "en": "  {score:.2f}  {text}"},
    "cli_did_you_mean": {"zh-Hans": "你是指下面哪一条？", "en": "Did you mean:"},
    "cli_did_you_mean_line": {
        "zh-Hans": "  {number}. {text}（匹配度 {score:.2f}，{label}）",
        "en": "  {number}. {text} (score {score:.2f}, {label})",
    },
    "cli_confirmed": {
        "zh-Hans": "已由人确认：{user} 于 {when} 确认过这个问题说的就是这条。",
        "en": "Confirmed by a person: {user} said on {when} that this question means this claim.",
    },
    "cli_confirmed_none": {
        "zh-Hans": "已由人确认：{user} 于 {when} 确认过，已收录的说法里没有这一条。",
        "en": "Confirmed by a person: {user} said on {when} that none of the known claims is this one.",
    },
    "cli_exported_picks": {
        "zh-Hans": "已导出 {count} 条选择到 {path}",
        "en": "Exported {count} picks to {path}",
    },
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
    "slack_part": {
        "zh-Hans": "整段没有对应的说法；其中这一句对得上：「{part}」",
        "en": "The text as a whole matches no claim; this part of it does: “{part}”",
    },
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
        "zh-Hans": "有几条相近的说法，先显示最接近的一条；请在讨论串里选出你指的那条。",
        "en": "Several claims are close; showing the closest. Pick the one you mean in the thread.",
    },
    "slack_did_you_mean": {"zh-Hans": "*你是指下面哪一条？*", "en": "*Did you mean…?*"},
    "slack_set_aside": {
        "zh-Hans": "*此前有人认为下面几条都不是。如果其中一条就是，请选出：*",
        "en": "*Someone said none of these was it. If one of them is, pick it:*",
    },
    "slack_did_you_mean_line": {"zh-Hans": "{number}. {badge}  {text}", "en": "{number}. {badge}  {text}"},
    "slack_btn_this_one": {"zh-Hans": "就是这条", "en": "This one"},
    "slack_none_prompt": {"zh-Hans": "都不是？", "en": "None of them?"},
    "slack_btn_none": {"zh-Hans": "都不是", "en": "None of these"},
    "slack_confirmed": {
        "zh-Hans": "{user} 于 {when} 确认过：这个问题说的就是这条。",
        "en": "Confirmed by {user} on {when}: this question means this claim.",
    },
    "slack_confirmed_none": {
        "zh-Hans": "{user} 于 {when} 确认过：已收录的说法里没有这一条。",
        "en": "{user} confirmed on {when} that none of the known claims is this one.",
    },
    "slack_picked_ok": {
        "zh-Hans": "谢谢，已记下：以后同样的问题会直接对应这条说法。",
        "en": "Thanks, noted: the same question will go straight to this claim from now on.",
    },
    "slack_picked_none_ok": {
        "zh-Hans": "谢谢，已记下：以后同样的问题会回答“没有找到”。",
        "en": "Thanks, noted: the same question will be answered \u201cno match\u201d from now on.",
    },
    "slack_no_match": {
        "zh-Hans": "没有找到对应的说法：已收录的文章里没有这句话。我不会猜测它的真假。",
        "en": "No match: none of the ingested articles makes this claim. I won't guess whether it is true.",
    },
    "slack_no_match_close": {
        "zh-Hans": "没有找到对应的说法：已收录的文章里没有这样说的，但有数字或日期不同的相近说法（见讨论串）。",
        "en": "No match: no ingested article says it this way, but some say it with another figure or date "
        "(see the thread).",
    },
    "slack_differs": {
        "zh-Hans": "*已收录的文章里有相近的说法，但数字或日期不同：*",
        "en": "*The ingested articles make a close claim, but with another figure or date:*",
    },
    "slack_rationale": {"zh-Hans": "*理由*：{text}", "en": "*Why*: {text}"},
    "slack_signals": {"zh-Hans": "*核查信号*", "en": "*Signals*"},
    "slack_evidence": {"zh-Hans": "*依据*", "en": "*Evidence*"},
    "slack_reviewer_evidence": {"zh-Hans": "核查编辑提供的依据", "en": "Reviewer's evidence"},
    "slack_place": {
        "zh-Hans": "*出处*：《{title}》第 {paragraph} 段",
        "en": "*Where*: \u201c{title}\u201d, paragraph {paragraph}",
    },
    "slack_place_title": {
        "zh-Hans": "*出处*：《{title}》标题",
        "en": "*Where*: the headline of \u201c{title}\u201d",
    },
    "slack_context": {"zh-Hans": "上下文：{text}", "en": "Context: {text}"},
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
    "slack_notice_picked": {
        "zh-Hans": ":point_right: {user} 选出了这个问题说的那条说法，它的结论见下。",
        "en": ":point_right: {user} picked the claim this question means; its verdict follows.",
    },
    "slack_notice_family_applied": {
        "zh-Hans": ":link: {user} 将同一说法在另一篇文章（“{title}”）中的裁定用于这里：{new}。理由：{rationale}",
        "en": ":link: {user} applied the ruling on the same claim in another article (“{title}”) here: "
        "{new}. Reason: {rationale}",
    },
    "slack_notice_picked_none": {
        "zh-Hans": ":heavy_multiplication_x: {user} 表示这几条都不是。可以把原话作为新说法提交核查。",
        "en": ":heavy_multiplication_x: {user} said none of these is the claim. "
        "The text can be opened as a new claim for review.",
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
    "outbox_kind_card": {"zh-Hans": "结果卡片", "en": "Card"},
    "outbox_kind_verdict": {"zh-Hans": "结论回复", "en": "Verdict reply"},
    "outbox_kind_notice": {"zh-Hans": "通知", "en": "Notice"},
    "outbox_kind_card_update": {"zh-Hans": "卡片更新", "en": "Card update"},
    "outbox_kind_digest": {"zh-Hans": "摘要", "en": "Digest"},
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
    # a message: long text answered claim by claim (bot/lookup/message.py)
    "message_too_long": {
        "zh-Hans": "这段消息太长了（上限 5000 字）。请分几次粘贴。",
        "en": "That message is too long (limit 5,000 characters). Please paste it in parts.",
    },
    "message_summary": {
        "zh-Hans": "这是一段消息：其中 {checkable} 条可核查的说法，{known} 条已有核查，{new} 条是新的。",
        "en": "This is a message: {checkable} checkable claims, {known} already known, {new} new.",
    },
    "message_version": {
        "zh-Hans": "整段是已收录文本《{title}》的另一个版本（相似度 {similarity:.0%}：转发、改写或删减）。",
        "en": "The whole text is a version of the ingested text “{title}” ({similarity:.0%} similar: "
        "re-forwarded, edited or trimmed).",
    },
    "message_known": {"zh-Hans": "已知：{text}", "en": "Known: {text}"},
    "message_known_as": {"zh-Hans": "  → {claim}  [{label}]", "en": "  → {claim}  [{label}]"},
    "message_new": {"zh-Hans": "新：{text}", "en": "New: {text}"},
    "message_none": {
        "zh-Hans": "没有找到可核查的说法（观点和过短的片段不单独核查）。",
        "en": "No checkable claim found (opinions and very short fragments are not checked on their own).",
    },
    "slack_message_known": {"zh-Hans": "*已有核查的说法*", "en": "*Claims already known*"},
    "slack_message_new": {"zh-Hans": "*新的说法*（尚未收录）", "en": "*New claims* (not yet known)"},
    "slack_message_thread": {"zh-Hans": "讨论串", "en": "thread"},
    "slack_message_fallback": {
        "zh-Hans": "消息核查：{known} 条已知，{new} 条新的",
        "en": "Message check: {known} known, {new} new",
    },
    # articles offered from Slack (docs/ingest.md)
    "ingest_usage": {
        "zh-Hans": "收录文章：/checkclaim ingest 链接；或只输入 /checkclaim ingest 打开表单粘贴全文；也可以在消息上用快捷方式「收录为文章」。",
        "en": "Ingest an article: /checkclaim ingest URL; /checkclaim ingest alone opens a form for pasted text; "
        "or use the message shortcut “Ingest as article”.",
    },
    "ingest_received": {
        "zh-Hans": "收到，正在读取文章。分析完成后，分诊摘要会发在本频道。",
        "en": "Got it, reading the article. The triage post will appear in this channel when it is analysed.",
    },
    "ingest_not_allowed": {
        "zh-Hans": "只有核查编辑和指定的收录人员可以收录文章。什么都没有读取。",
        "en": "Only reviewers and designated ingesters can ingest articles. Nothing was fetched.",
    },
    "ingest_bad_url": {
        "zh-Hans": "这不是可以读取的网址：只接受 http:// 或 https:// 开头的链接。什么都没有改动。",
        "en": "That is not a URL I can read: only http:// or https:// links. Nothing was changed.",
    },
    "ingest_url_credentials": {
        "zh-Hans": "链接里带有用户名或密码，factbot 不会发送凭据。请给出公开的链接。什么都没有改动。",
        "en": "The link carries a user name or password; factbot never sends credentials. Please give a public link. Nothing was changed.",
    },
    "ingest_private_address": {
        "zh-Hans": "这个链接指向内网或本机地址，出于安全原因不会读取。什么都没有改动。",
        "en": "That link points to a private or local address; for safety it is not fetched. Nothing was changed.",
    },
    "ingest_timeout": {
        "zh-Hans": "网页在 10 秒内没有读完（网站太慢或无响应）。什么都没有改动，可以稍后再试。",
        "en": "The page did not load within 10 seconds (the site is slow or not answering). Nothing was changed; try again later.",
    },
    "ingest_dns": {
        "zh-Hans": "找不到这个网站（域名无法解析）。请检查链接。什么都没有改动。",
        "en": "That site cannot be found (its name does not resolve). Please check the link. Nothing was changed.",
    },
    "ingest_unreachable": {
        "zh-Hans": "无法连接到这个网站。什么都没有改动，可以稍后再试。",
        "en": "Could not connect to that site. Nothing was changed; try again later.",
    },
    "ingest_not_found": {
        "zh-Hans": "网页不存在（HTTP {status}）：链接可能已失效。什么都没有改动。",
        "en": "The page does not exist (HTTP {status}): the link may be dead. Nothing was changed.",
    },
    "ingest_http_error": {
        "zh-Hans": "网站返回错误（HTTP {status}），没有读到文章。什么都没有改动。",
        "en": "The site answered with an error (HTTP {status}); no article was read. Nothing was changed.",
    },
    "ingest_not_text": {
        "zh-Hans": "这个链接不是网页或纯文本（{media_type}），无法作为文章收录。什么都没有改动。",
        "en": "That link is not a web page or plain text ({media_type}); it cannot be ingested. Nothing was changed.",
    },
    "ingest_too_large": {
        "zh-Hans": "内容太大（上限 {limit} MB），不像是一篇文章。什么都没有改动。",
        "en": "The content is too large (limit {limit} MB) to be one article. Nothing was changed.",
    },
    "ingest_binary": {
        "zh-Hans": "内容是二进制数据，不是文字。什么都没有改动。",
        "en": "The content is binary data, not text. Nothing was changed.",
    },
    "ingest_too_many_redirects": {
        "zh-Hans": "链接跳转次数太多（上限 {limit} 次）。什么都没有改动。",
        "en": "The link redirects too many times (limit {limit}). Nothing was changed.",
    },
    "ingest_image_only": {
        "zh-Hans": "这个网页只有图片，没有可读的正文，无法逐条核查。什么都没有改动。",
        "en": "That page holds only images, no readable text to check claim by claim. Nothing was changed.",
    },
    "ingest_empty": {
        "zh-Hans": "没有读到任何正文。什么都没有改动。",
        "en": "No article text was found. Nothing was changed.",
    },
    "ingest_no_chinese": {
        "zh-Hans": "正文中文太少（至少需要 {minimum} 个汉字），factbot 只核查中文报道。什么都没有改动。",
        "en": "There is too little Chinese text (at least {minimum} Chinese characters needed); factbot checks Chinese news. Nothing was changed.",
    },
    "ingest_text_too_long": {
        "zh-Hans": "粘贴的文字太长（上限 {limit} 字）。什么都没有改动。",
        "en": "The pasted text is too long (limit {limit} characters). Nothing was changed.",
    },
    "ingest_no_file": {
        "zh-Hans": "这条消息既没有文字，也没有 .txt 或 .html 附件。什么都没有改动。",
        "en": "That message has neither text nor a .txt or .html file. Nothing was changed.",
    },
    "ingest_file_type": {
        "zh-Hans": "附件 {name} 不是 .txt 或 .html 文件。什么都没有改动。",
        "en": "The file {name} is not a .txt or .html file. Nothing was changed.",
    },
    "ingest_file_unreadable": {
        "zh-Hans": "无法读取这个附件（可能已删除，或 factbot 没有权限）。什么都没有改动。",
        "en": "That file cannot be read (it may be deleted, or factbot may not have access). Nothing was changed.",
    },
    "ingest_unreadable": {
        "zh-Hans": "内容无法作为文章读取（空白或不是文字）。什么都没有改动。",
        "en": "The content cannot be read as an article (empty or not text). Nothing was changed.",
    },
    "ingest_duplicate": {
        "zh-Hans": "这篇文章已于 {when} 收录，内容没有变化。分诊摘要：{post}",
        "en": "This article was already ingested on {when} and has not changed. Its triage post: {post}",
    },
    "ingest_duplicate_no_post": {"zh-Hans": "（尚未发出）", "en": "(not posted yet)"},
    "ingest_bad_date": {
        "zh-Hans": "日期格式应为 2026-12-01。",
        "en": "Use a date like 2026-12-01.",
    },
    "ingest_modal_title": {"zh-Hans": "收录文章", "en": "Ingest an article"},
    "ingest_modal_submit": {"zh-Hans": "收录", "en": "Ingest"},
    "ingest_field_title": {"zh-Hans": "标题（可选）", "en": "Title (optional)"},
    "ingest_field_text": {"zh-Hans": "正文", "en": "Text"},
    "ingest_field_source": {"zh-Hans": "来源媒体（可选）", "en": "Source (optional)"},
    "ingest_field_url": {"zh-Hans": "原文链接（可选）", "en": "URL (optional)"},
    "ingest_field_published": {"zh-Hans": "发布日期（可选）", "en": "Published (optional)"},
    "triage_fallback": {
        "zh-Hans": "已收录《{title}》：{claims} 条说法，{picked} 条值得优先核查",
        "en": "Ingested “{title}”: {claims} claims, {picked} worth checking first",
    },
    "triage_meta": {
        "zh-Hans": "{source} · {published} · {claims} 条说法 · {user} 收录",
        "en": "{source} · {published} · {claims} claims · ingested by {user}",
    },
    "triage_updated": {
        "zh-Hans": "这是已收录文章的修改版：未改动的说法保留原有编号、结论和讨论串。",
        "en": "An edited version of an ingested article: unchanged claims keep their ids, verdicts and threads.",
    },
    "triage_unknown_source": {"zh-Hans": "来源不明", "en": "source unknown"},
    "triage_unknown_date": {"zh-Hans": "日期不明", "en": "date unknown"},
    "triage_picked": {
        "zh-Hans": "*最值得核查的 {count} 条*（红旗在前）",
        "en": "*The {count} most worth checking* (red flags first)",
    },
    "triage_none": {
        "zh-Hans": "没有发现需要优先核查的说法。所有说法都可以用 /checkclaim 查到。",
        "en": "No claim stands out for checking. Every claim can be found with /checkclaim.",
    },
    "triage_line": {
        "zh-Hans": "{number}. {flag}{text}\n{badge} · _{reason}_",
        "en": "{number}. {flag}{text}\n{badge} · _{reason}_",
    },
    "triage_reason_contradiction": {"zh-Hans": "文内自相矛盾", "en": "contradicts the article itself"},
    "triage_reason_legal": {"zh-Hans": "法条引用与原文不符", "en": "legal citation does not say this"},
    "triage_reason_anonymous": {"zh-Hans": "匿名或不明来源", "en": "anonymous source"},
    "triage_reason_ruled": {"zh-Hans": "已有核查编辑的结论", "en": "already ruled by a reviewer"},
    "triage_reason_disputed": {"zh-Hans": "与依据不符", "en": "evidence disagrees"},
    "triage_reason_worthy": {"zh-Hans": "值得核查：{cues}", "en": "check-worthy: {cues}"},
    "triage_cue_numbers": {"zh-Hans": "数字", "en": "figures"},
    "triage_cue_dates": {"zh-Hans": "日期", "en": "dates"},
    "triage_cue_cites": {"zh-Hans": "引用", "en": "citation"},
    "triage_cue_quote": {"zh-Hans": "引语", "en": "quote"},
    "triage_cue_named_source": {"zh-Hans": "有具名来源", "en": "named source"},
    "triage_cue_unnamed_source": {"zh-Hans": "来源未具名", "en": "unnamed source"},
    "triage_cue_entities": {"zh-Hans": "涉及具体机构或地点", "en": "names places or bodies"},
    "triage_btn_check": {"zh-Hans": "核查这条 / Check this", "en": "核查这条 / Check this"},
    "digest_article_by": {
        "zh-Hans": "{title}（{claims} 条说法，{user} 收录）",
        "en": "{title} ({claims} claims, ingested by {user})",
    },
}


def t(key: str, locale: str = DEFAULT_LOCALE, **values: Any) -> str:
    """The message for ``key`` in ``locale`` (falling back to zh-Hans), formatted with ``values``."""
    entry = CATALOG[key]
    template = entry.get(locale) or entry[DEFAULT_LOCALE]
    return template.format(**values) if values else template
