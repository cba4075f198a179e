"""Every user-facing sentence of the verdict engine, zh-Hans and English, in one place.

Keeping the templates together lets an editor reword them (or a translator check them) without
reading the rules. Signals and rationales call :func:`render` with a code and named fields.
"""

from __future__ import annotations

from collections.abc import Mapping

MESSAGES: Mapping[str, tuple[str, str]] = {
    # internal consistency ------------------------------------------------------------------
    "internal.metric_mismatch": (
        "同一指标“{metric}”在本文中给出不同数值：此处为{value}，另一处为{other}。",
        "The same metric '{metric}' has different values in this article: {value} here, {other} elsewhere.",
    ),
    "internal.per_capita_total": (
        "人均/每{scale_zh}人口数值{value}与本文另一处的总数{other}不符："
        "按{place}人口{population}推算，总数应约为{implied}。",
        "The per-{scale_en} figure {value} does not fit the total {other} given elsewhere in the article: "
        "with {place}'s population of {population} it implies a total of about {implied}.",
    ),
    "internal.stat_reused": (
        "同一数字{value}在本文中既被用作{this_use}，又被用作{other_use}，二者不可能相同。",
        "The same figure {value} is used both as {this_use_en} and as {other_use_en} in this article.",
    ),
    "internal.daily_avg_single_day": (
        "“{marker}”（日均）数值只对应单独一天（{day}），日均需要一个时间段。",
        "A daily average ('{marker}') is given for a single day ({day}); an average needs a period.",
    ),
    "internal.window_before_event": (
        "统计时段{window}早于其所衡量的事件开始日期{event_day}（见本文另一处），数据不可能全部来自该事件之后。",
        "The period {window} starts before {event_day}, when the event it measures began (stated "
        "elsewhere in the article).",
    ),
    "internal.window_before_event_weak": (
        "统计时段{window}早于本文所述事件开始日期{event_day}，需核实数据口径。",
        "The period {window} starts before {event_day}, the start of an event described in the article; "
        "check what the figures cover.",
    ),
    "internal.share_over_100": (
        "占比{value}超过100%，在算术上不可能。",
        "A share of {value} exceeds 100%, which is arithmetically impossible.",
    ),
    "internal.decline_over_100": (
        "降幅{value}超过100%，数量不可能减少超过全部。",
        "A decline of {value} exceeds 100%; a quantity cannot fall by more than all of it.",
    ),
    # sourcing ------------------------------------------------------------------------------
    "sourcing.unnamed_source": (
        "信息来源未具名：“{source}”。",
        "The source is not named: '{source}'.",
    ),
    "sourcing.anonymous_person": (
        "引述对象为匿名人士：“{source}”。",
        "The person quoted is anonymous: '{source}'.",
    ),
    "sourcing.study_incomplete": (
        "引用的研究缺少{missing_zh}，无法查找原文。",
        "The cited study lacks {missing_en}, so it cannot be looked up.",
    ),
    "sourcing.quote_unattributed": (
        "引语没有注明说话人。",
        "The quote is not attributed to anyone.",
    ),
    "sourcing.named_source": (
        "来源为具名的“{source}”（来源本身的说法未经核实）。",
        "Attributed to the named source '{source}' (what the source said is not itself verified).",
    ),
    "sourcing.unreliable_publication": (
        "来源“{source}”被列为不可靠（{note}），不能作为证据。",
        "The source '{source}' is listed as unreliable ({note}) and cannot count as evidence.",
    ),
    # legal citations -----------------------------------------------------------------------
    "legal.misquote": (
        "《{law}》第{article}条并无“{quote}”的内容。原文：{text}",
        "Article {article} of the {law} does not contain '{quote}'. Actual text: {text}",
    ),
    "legal.quote_matches": (
        "引文与《{law}》第{article}条原文一致。",
        "The quotation matches the text of Article {article} of the {law}.",
    ),
    "legal.article_beyond": (
        "《{law}》（{version}年版）共{total}条，不存在第{article}条。",
        "The {law} ({version} version) has only {total} articles; there is no Article {article}.",
    ),
    "legal.law_unknown": (
        "证据库中没有《{law}》的条文，无法核对第{article}条。",
        "The evidence base has no text of the {law}, so Article {article} cannot be checked.",
    ),
    "legal.article_excerpt": (
        "《{law}》第{article}条原文供比对（文中为转述，需人工判断是否相符）：{text}",
        "Text of Article {article} of the {law} for comparison (the article paraphrases it; a person "
        "must judge whether it fits): {text}",
    ),
    "legal.article_no_excerpt": (
        "《{law}》第{article}条存在，但证据库未收录其原文，内容无法核对。",
        "Article {article} of the {law} exists, but its text is not in the evidence base.",
    ),
    # timeline ------------------------------------------------------------------------------
    "timeline.old_state": (
        "所述日期{day}晚于政策调整生效日{effective}，但仍描述调整前的状态（“{marker}”）：{statement}",
        "The claim is dated {day}, after the change of {effective}, yet describes the earlier state "
        "('{marker}'): {statement_en}",
    ),
    "timeline.after_cutoff": (
        "所述日期{day}晚于本文自述的数据截止日期{cutoff}，无法由本文数据支撑。",
        "The claim is dated {day}, after the article's own data cut-off of {cutoff}.",
    ),
    # reference statistics ------------------------------------------------------------------
    "reference.matches": (
        "数值{value}与参考数据一致（{reference}）。",
        "The value {value} matches the reference figure ({reference}).",
    ),
    "reference.close": (
        "数值{value}与参考数据{reference}接近（相差{diff}）。",
        "The value {value} is close to the reference figure {reference} (off by {diff}).",
    ),
    "reference.differs": (
        "数值{value}与参考数据{reference}相差{diff}。",
        "The value {value} differs from the reference figure {reference} by {diff}.",
    ),
    "reference.no_reference": (
        "文中具体数字/日期（{items}）在证据库中找不到可核对的参考数据。",
        "The specific figures or dates ({items}) have no reference data in the evidence base.",
    ),
    "reference.no_reference_named": (
        "证据库中没有可核对文中数字/日期（{items}）的参考数据；它们出自具名来源“{source}”，需对照原始发布核查。",
        "The evidence base has no reference for the figures or dates ({items}); they come from the named "
        "source '{source}', so check them against its original release.",
    ),
    # opinion -------------------------------------------------------------------------------
    "opinion.evaluative": (
        "评价性表述（“{markers}”），没有可核查的数字、日期或具名来源。",
        "Evaluative wording ('{markers}') with no checkable number, date or named source.",
    ),
}

RATIONALES: Mapping[str, tuple[str, str]] = {
    "false": ("判定为“不实”：有可靠证据与之相矛盾。", "Rated False: reliable evidence contradicts it."),
    "misleading": (
        "判定为“误导”：存在矛盾，但不足以判定整体不实。",
        "Rated Misleading: there is a contradiction, but not enough to call the whole claim false.",
    ),
    "true": ("判定为“属实”：证据库中的可靠资料支持此说法。", "Rated True: reliable evidence supports it."),
    "mostly_true": (
        "判定为“基本属实”：证据支持主要内容，但有细节未能核实或略有出入。",
        "Rated Mostly true: evidence supports the core, but some details are unverified or slightly off.",
    ),
    "unsupported": (
        "判定为“缺乏依据”：没有具名来源或可核对的证据。",
        "Rated Unsupported: no named source or checkable evidence.",
    ),
    "unsupported_named": (
        "判定为“缺乏依据”：说法点出了来源，但引用不足以追溯原文，证据库中也没有可核对的资料。",
        "Rated Unsupported: the claim names a source, but not enough to trace the original, and the "
        "evidence base has nothing to check it against.",
    ),
    "opinion": (
        "判定为“观点”：属于评价，不是可核查的事实陈述。",
        "Rated Opinion: an evaluation, not a checkable fact.",
    ),
    "unchecked": ("尚未核查：没有发现任何可用信号。", "Not checked: no signal was found."),
    "unchecked_sourced": (
        "待核查：说法有具名来源，但证据库中没有可核对的资料，需人工对照来源核查。",
        "Unchecked: the claim has a named source but the evidence base has nothing to check it against; "
        "a fact-checker should check it at the source.",
    ),
    "unchecked_notes": (
        "待核查：有需要人工核对的线索（见下），但不足以作出判定。",
        "Unchecked: there are leads for a fact-checker (below), but not enough for a verdict.",
    ),
}


def render(code: str, **fields: object) -> tuple[str, str]:
    """Fill the zh-Hans and English templates of ``code``; unknown codes are a programming error."""
    zh, en = MESSAGES[code]
    return zh.format(**fields), en.format(**fields)


def rationale(label: str) -> tuple[str, str]:
    return RATIONALES[label]
