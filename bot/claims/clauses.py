"""Cut a paragraph into clauses and group them into claim spans.

A claim is the smallest span that carries one checkable assertion *with its subject*. Clauses are
cut at Chinese clause punctuation outside quotation marks; a clause without a subject of its own
(starting with a verb, adverb, preposition or a connective such as 较/但/并) joins the one before,
and a lead-in with nothing to assert (a bare date, "从数据看", "据第三方评估") joins the one after.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

_HARD = "。！？；\n"
_SOFT = "，"
_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")
_WIDE_GAP = re.compile(r"(?:\u3000|[ \t]{2,})\s*[\u4e00-\u9fff]")
_OPEN_CLOSE = {"“": "”", "「": "」", "『": "』", "《": "》"}
# A section heading glued to the paragraph start: "政策背景：疫情反复下的城市安全困局 正文…".
_HEADING = re.compile(r"[^，。：\s\"“]{2,10}：[^，。\s\"“]{6,24}\s+(?=[^\s、，])")
# A dateline and byline opening a report: "本报讯（记者 陈思远 通讯员 刘静）", "新华社北京12月5日电（记者 王某）",
# "〔記者林宜君／高雄報導〕", "（中央社記者王大明台北25日電）".
_DATELINE = re.compile(
    r"(?:本报讯|本报[^\s，。(（]{0,8}电|[^\s，。(（]{1,6}社[^\s，。(（]{0,12}电)?\s*"
    r"[(（〔【\[](?:本报|[^\s，。()（）〔〕]{1,6}社)?(?:特约)?(?:记者|通讯员|实习生)[^)）〕】\]]{0,40}[)）〕】\]]\s*"
)
_LABEL = re.compile(r"[^，。：\s\"“]{2,6}：(?![\"“「])")
_ANSWER = re.compile(r"(?:答|A)\s*[：:]\s*")  # an explainer's "答：" before its answer
_BARE_TITLE = re.compile(r"[^\s，。：；！？]{4,20}\s+(?=[\u4e00-\u9fff\"“《])")

_DEPENDENT_START = re.compile(
    r"^(较|比|但|但是|而|而且|也|并|并且|且|同时|其中|占|使得|使|导致|说明|从而|进而|相当于|同比|环比|"
    r"涉及|实现|达到|达|增长|下降|减少|增加|高出|高于|低于|超过|以|即|包括|成为|形成|引发|带来|推动|"
    r"有效|严格|避免|确保|保障|最大限度|甚至|却|仍|还|则|又|才|均|都|已|将|可|不仅|以及|及其|造成|"
    r"对|为|给|向|用|让|被|标志着|折射出|反映出|意味着|表明|显示|"
    r"分阶段|分批|逐步|陆续|先后|相继|全面|进一步|依法|持续|累计|共计|合计|总计|处以|判处|处|"
    r"打破|刷新|创下|再创)"
)
_LEAD_IN_END = re.compile(
    r"(显示|表明|指出|认为|表示|称|发现|查明|看|来看|而言|背景下|之际|期间|之后|以后|以来|后|时|前|中|下|"
    r"为例|数据|评估|统计|调查|核算|测算|估算|初估|预估|估计|推估|报道|消息|方面|看来|影响|相比|比较|相较|"
    r"白天|夜间|凌晨|上午|下午|傍晚|晚间)$"
)
_LEAD_IN_START = re.compile(
    r"^(据|另据|依据|按照|从|在|随着|面对|对比|根据|截至|截止|为了|由于|鉴于|自|自从|当|经|作为)"
)
# "「……。」黄某在记者会上说，" : the speaker after a closed quote belongs to it.
_SPEAKER_AFTER = re.compile(r"[^，。！？\"“”「」]{1,15}(说|表示|指出|称|强调|透露|坦言|补充|回应|直言)")
_CITATION = re.compile(r"《[^》]{1,30}》\s*第")
_RELATIVE = re.compile(r"较|比|同比|环比")
_OWN_FACTS = re.compile(r"\d+\s*[月日]")
_REPORTING_END = re.compile(
    r"(研究|调查|报告|数据|统计|分析|测算|资料|提案|评估)[^，。]{0,6}(显示|表明|发现|指出)$"
)
_QUOTE_MARK = re.compile(r"[\"“”「」]")
_SHOWS_END = re.compile(r"(显示|表明)$")
# Signposts that only announce what follows.
_DISCOURSE = re.compile(
    r"值得注意的是|值得一提的是|需要指出的是|需要注意的是|据悉|据了解|据介绍|总体来看|总的来看|总的来说|"
    r"可以看到|不难看出|事实上|实际上|与此同时"
)
# A period and nothing else: "今年前10个月", "过去5年", "近三年来", "前三季度".
_TIME_FRAME = re.compile(
    r"(?:今年|去年|前年|明年|当年|本月|上月|过去|最近|近)?(?:的)?(?:前|头|近|过去)?"
    r"[0-9一二两三四五六七八九十]+(?:个)?(?:年|个月|月|周|天|季度|小时)(?:来|以来|内|里|间|中)?$"
)
# "台北捷运公司今(15)日公布，…", "国家卫健委12月7日宣布，…": who announced, then what.
_ANNOUNCED = re.compile(
    r"(公布|发布|宣布|通报|披露|透露|表示|指出|强调|称|说|介绍|提醒|提示|批评|质疑|警告|呼吁|直言|获悉|了解到|得知|"
    r"建议)$"
)
_SOURCE_START = re.compile(r"^(根据|依据|按照|据)")
# "面对人口老龄化加速的现实，北京选择…": the frame states a fact of its own (老龄化在加速), checkable apart
# from the decision that follows; "面对这样的形势" or a short frame only leads in.
_FACT_FRAME = re.compile(
    r"^(面对|面临|鉴于|考虑到)(?!这|那|此|上述|如此|当前的|目前的)[^，。]{6,}的(现实|形势|趋势|局面|态势)$"
)
_FRAME_END = re.compile(r"(的(现实|情况|形势|背景|趋势|压力|挑战|情形)|下|中|后|前|时|期间|以来)$")
_SPEECH = re.compile(r"(指出|表示|认为|称|说|反映|强调)[：“\"]")
_COMPARATIVE = re.compile(r"较|比|同比|环比|增长|下降|减少|增加|占|相当于|高出|高于|低于|超过|多于|少于")
_CONTRAST = re.compile(r"^(但|但是|然而|不过|同时|而)")
_NON_CONTENT = re.compile(
    r"[\s\d年月日号至到\-~～—、.，。:：()（）\"“”]|当前|目前|此外|同时|其中|具体而言|另外|然而|因此|"
    r"北京时间|当地时间|凌晨|早上|上午|中午|下午|傍晚|晚上|晚间|[早晚时分]$"  # "北京时间8月28日晚": a time, no more
)
# "只有赢下这场比赛，…才有机会": a condition leads in to what depends on it.
_CONDITION = re.compile(r"^(只有|只要|如果|假如|倘若|若|一旦|除非)")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


def clauses(text: str, start: int, end: int, title: str | None = None) -> list[list[Span]]:
    """Sentences (lists of clause spans) of ``text[start:end]``, quotes kept whole. A paragraph loses a
    dateline or heading glued to its start. A title is read whole (``title``: the text as written, at
    the same offsets, since folding turns an ideographic space into a plain one), and a wide gap
    between its parts (an ideographic space or two spaces: "…跌逾五成　專家：距世衞標準仍遠") separates
    clauses as a comma would; one space is a pause inside a statement ("研究：每天喝三杯含糖饮料 糖尿病
    风险升高26%")."""
    if title is None:
        start = _skip_heading(text, start, end)
    sentences: list[list[Span]] = []
    current: list[Span] = []
    clause_start = start
    closers: list[str] = []
    ascii_open = False
    for i in range(start, end):
        ch = text[i]
        if ch == '"':
            ascii_open = not ascii_open
        elif ch in _OPEN_CLOSE:
            closers.append(_OPEN_CLOSE[ch])
        elif closers and ch == closers[-1]:
            closers.pop()
        if closers or ascii_open:
            continue
        if (
            ch in '"”」』'
            and i > start
            and text[i - 1] in _HARD
            and not _SPEAKER_AFTER.match(text, i + 1, end)
        ):
            _add(current, text, clause_start, i + 1)
            clause_start = i + 1
            if current:
                sentences.append(current)
                current = []
            continue
        gap = title is not None and _WIDE_GAP.match(title, i) and _CJK_CHAR.match(title, i - 1)
        if ch in _SOFT or ch in _HARD or gap:
            _add(current, text, clause_start, i)
            clause_start = i + 1
            if ch in _HARD and current:
                sentences.append(current)
                current = []
    _add(current, text, clause_start, end)
    if current:
        sentences.append(current)
    return sentences


def _skip_heading(text: str, start: int, end: int) -> int:
    for pattern in (_DATELINE, _ANSWER, _HEADING, _LABEL, _BARE_TITLE):
        match = pattern.match(text, start, end)
        if match:
            start = match.end()
    return start


def _add(out: list[Span], text: str, start: int, end: int) -> None:
    while start < end and (text[start].isspace() or text[start] in "，、"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "，、"):
        end -= 1
    if end > start:
        out.append(Span(start, end))


def is_lead_in(clause: str, has_quantity: bool) -> bool:
    """A clause that frames what follows (date, "从数据看", "据…评估", "今年前10个月", "值得注意的是")
    and asserts nothing itself."""
    if _TIME_FRAME.match(clause) or _DISCOURSE.fullmatch(clause.strip()):
        return True
    if _CONDITION.match(clause) and len(clause) <= 20:
        return True
    content = _NON_CONTENT.sub("", clause)
    if len(content) <= 2:
        return True
    if _LEAD_IN_START.match(clause) and not _SPEECH.search(clause):
        if _SOURCE_START.match(clause) and len(clause) <= 40:  # 根据《某条例》第7A条，…
            return True
        return len(clause) <= 14 or (len(clause) <= 24 and bool(_FRAME_END.search(clause)))
    if len(clause) <= 16 and not has_quantity and _LEAD_IN_END.search(clause):
        return True
    if len(clause) <= 40 and _REPORTING_END.search(clause) and not _QUOTE_MARK.search(clause):
        return True  # "《某刊》2022年刊发的一项研究显示，…": the finding follows
    if len(clause) <= 40 and _SHOWS_END.search(clause) and not _SPEECH.search(clause):
        return True  # "一段来自“滨江观察”的无人机视频显示，…": whatever shows, what it shows follows
    if (
        len(clause) <= 30
        and not has_quantity
        and _ANNOUNCED.search(clause)
        and not _QUOTE_MARK.search(clause)
    ):
        return True
    return (
        len(clause) <= 24 and bool(_LEAD_IN_START.match(clause)) and _LEAD_IN_END.search(clause) is not None
    )


def is_dependent(clause: str, first_pos: str) -> bool:
    """A clause with no subject of its own continues the previous one."""
    if clause.startswith(("这", "那", "此")):
        return False
    if _DEPENDENT_START.match(clause) or first_pos[:1] in ("d", "p", "c"):
        return True
    # A verb-first clause continues the subject before it, unless it is dated on its own
    # ("应急管理部7月31日下拨…" starts with a noun jieba tags as a verb).
    return first_pos[:1] in ("v", "a") and (not _OWN_FACTS.search(clause) or bool(_RELATIVE.search(clause)))


def _is_condition(
    groups: list[Span], sentence: list[Span], quantified: set[int], first_pos: Callable[[Span], str]
) -> bool:
    """Is the only claim so far the sentence's opening clause, a verb phrase with no figure of its own
    (an action whose result the next clause puts a figure on)?"""
    if len(groups) != 1 or groups[0] != sentence[0] or groups[0].start in quantified:
        return False
    return first_pos(groups[0]) in ("v", "vg", "vd")  # not "vn": 研究團隊… is a subject


def group(
    text: str,
    sentence: list[Span],
    has_quantity: Callable[[Span], bool],
    first_pos: Callable[[Span], str],
) -> list[Span]:
    """Merge the clauses of one sentence into claim spans."""
    groups: list[Span] = []
    pending: Span | None = None  # a lead-in waiting for the clause it introduces
    quantified: set[int] = set()  # starts of groups that already carry a number
    for clause in sentence:
        body = text[clause.start : clause.end]
        numbered = has_quantity(clause)
        start = pending.start if pending else clause.start
        if _FACT_FRAME.match(body):  # an assertion of its own, not a lead-in (one assertion, one claim)
            groups.append(Span(start, clause.end))
            pending = None
            continue
        if is_lead_in(body, numbered):
            pending = Span(start, clause.end)
            continue
        if pending is None and groups and is_dependent(body, first_pos(clause)):
            # A contrast bringing a new number is a new assertion ("…, 但带来损失约12亿元").
            new_figure = numbered and groups[-1].start in quantified and _CONTRAST.match(body)
            new_citation = _CONTRAST.match(body) and _CITATION.search(body)  # "但《某法》第N条规定…"
            if not ((new_figure and not _COMPARATIVE.search(body)) or new_citation):
                last = groups.pop()
                groups.append(Span(last.start, clause.end))
                continue
        if numbered and pending is None and _is_condition(groups, sentence, quantified, first_pos):
            # "每天喝三杯甜饮料，患病风险高了四分之一": the action first, then the figure it brings.
            last = groups.pop()
            quantified.add(last.start)
            groups.append(Span(last.start, clause.end))
            continue
        if numbered:
            quantified.add(start)
        groups.append(Span(start, clause.end))
        pending = None
    if pending is not None:
        if groups:
            last = groups.pop()
            groups.append(Span(last.start, pending.end))
        else:
            groups.append(pending)
    return groups
