"""What a forwarded message carries besides its claims: chat headers, forward labels, list markers,
links, and its pleas to pass it on.

A message pasted from a chat app starts with what the app or the forwarder added ("08:41 Ken",
"Gel Ni >", "網傳：", "轉貼～"), numbers its points ("１.", "2、", "(3)") and ends with links. None of
that is a claim. ``blank_forwarding`` replaces them with spaces, so the text keeps its length and every
claim's offsets still point into the message as sent; extraction then reads it like an article.
"""

from __future__ import annotations

import re

# A chat app's header in front of a line: a time and a sender ("08:41 Ken ", "[上午 8:41] 王小明："), or
# a sender and a quote mark ("Gel Ni > "). Names are short: at most 20 characters without a sentence mark.
_CHAT_HEADER = re.compile(
    r"^[ \t]*(?:[\[【(（]?(?:上午|下午|晚上|早上)?\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?[\]】)）]?"
    r"(?:[ \t]+[^\s，。！？:：>]{1,20}(?:[ \t]*[:：])?)?[ \t]+"
    r"|[^\n，。！？>]{1,20}?[ \t]*>[ \t]+)",
    re.MULTILINE,
)
# A forwarder's label at the start of a line: 網傳：, 转发!, 轉貼～, FW:, 分享：.
_FORWARD_LABEL = re.compile(
    r"^[ \t]*(?:網傳|网传|轉傳|转传|轉發|转发|轉貼|转贴|轉載|转载|轉|转|分享|fwd?)[ \t]*[:：~～!！]+[ \t]*",
    re.MULTILINE | re.IGNORECASE,
)
# A list marker in front of a line's text: "1." "１、" "(2)" "③" "一、" "•" "- ".
_LIST_MARKER = re.compile(
    r"^[ \t]*(?:[(（]?(?P<n>[0-9０-９]{1,2})[)）.．、]|[①-⑳]|[一二三四五六七八九十]{1,2}[、，]|[•·●○■□◆◇▶►\-*])",
    re.MULTILINE,
)
# What a chain message asks of its reader, not what it asserts: "【转给家人看】", "一定要转！", "看完记得
# 转发到三个群，功德无量". A line holding such a plea (and at most 40 characters) is left out whole.
PLEA_MAX = 40
_PLEA_LINE = re.compile(
    r"^[^\n]{0,40}?(?:(?:一定要|务必|请|赶紧|记得|快|马上)\s*(?:转|扩散|分享)|转给(?:家人|朋友|亲友|身边)|功德无量)"
    r"[^\n]{0,40}$",
    re.MULTILINE,
)
_LINK = re.compile(r"(?:https?://|www\.)[^\s\u3000-\u303f\uff00-\uffef\u4e00-\u9fff]+", re.IGNORECASE)


def is_plea(line: str) -> bool:
    """Is this line a short plea to pass the text on (at most PLEA_MAX characters)?"""
    line = line.strip()
    return len(line) <= PLEA_MAX and _PLEA_LINE.fullmatch(line) is not None


def blank_forwarding(text: str) -> str:
    """The message with its chat headers, forward labels, list markers and links turned into spaces."""
    spans = [m.span() for m in _CHAT_HEADER.finditer(text)]
    spans += [m.span() for m in _FORWARD_LABEL.finditer(text)]
    spans += [m.span() for m in _LINK.finditer(text)]
    spans += [m.span() for m in _PLEA_LINE.finditer(text)]
    spans += list_markers(text)
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def has_link(text: str) -> bool:
    return _LINK.search(text) is not None


def list_markers(text: str) -> list[tuple[int, int]]:
    """Line-start markers. A number followed by a digit ("１.18%") is a marker only when the message
    numbers its lines (another line starts with the next or the previous number): otherwise 1.18 is
    a decimal."""
    found = list(_LIST_MARKER.finditer(text))
    numbers = {int(_ascii(m.group("n"))) for m in found if m.group("n")}
    spans: list[tuple[int, int]] = []
    for m in found:
        digit_follows = m.end() < len(text) and _ascii(text[m.end()]).isdigit()
        if m.group("n") and digit_follows:
            n = int(_ascii(m.group("n")))
            if n + 1 not in numbers and n - 1 not in numbers:
                continue
        spans.append(m.span())
    return spans


def _ascii(digits: str) -> str:
    return digits.translate({cp: cp - 0xFEE0 for cp in range(0xFF10, 0xFF1A)})
