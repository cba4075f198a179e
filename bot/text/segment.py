"""Word segmentation with jieba: one tokenizer, the seed user dictionary, loaded lazily.

jieba costs ~0.5 s to load (from its cache), so nothing here runs at import time; commands that only
read the database never pay for it.
"""

from __future__ import annotations

import gc
import logging
import re
import threading
from collections.abc import Iterator
from functools import partial
from itertools import accumulate, pairwise
from pathlib import Path
from typing import Any, NamedTuple

from bot.errors import SeedError
from bot.text.lexicon import shared_lexicon
from bot.text.wordpath import WordPath

log = logging.getLogger(__name__)

_lock = threading.Lock()
_state: dict[str, object] = {}

# Words that carry no content for matching (function words, copulas, question particles).
STOPWORDS = frozenset(
    "的 了 是 在 和 与 及 或 也 都 而 并 就 又 被 把 对 从 向 为 以 于 其 之 这 那 该 此 各 每 等 "
    "吗 呢 吧 啊 呀 嘛 么 真的 是否 是不是 有没有 到底 究竟 据说 听说 请问 一个 这个 那个 这种 "
    "这些 那些 我们 他们 你们 已经 可能 进行 通过 以及 其中 同时 但是 因为 所以 如果 虽然 "
    "the a an of to in on at for is are was were be by and or with did does do that this it as "
    "from than".split()
)
_WORDLIKE = re.compile(r"[\w]")


class Token(NamedTuple):
    """A word with its tag and offset (a named tuple: an article makes tens of thousands of them)."""

    word: str
    flag: str  # jieba part of speech: ns place, nt organisation, nr person, n noun, v verb, x punct
    start: int


_new_token = partial(tuple.__new__, Token)  # Token(*fields) without a Python frame per token


def load_user_dictionary(path: Path) -> list[tuple[str, int | None, str | None]]:
    """Read a user dictionary ("word [freq] [pos]" per line, # comments); SeedError names the line."""
    entries: list[tuple[str, int | None, str | None]] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise SeedError(f"{path}: cannot read the jieba dictionary ({exc.__class__.__name__})") from exc
    for number, line in enumerate(lines, 1):
        parts = line.split("#", 1)[0].split()
        if not parts:
            continue
        if len(parts) > 3 or (len(parts) >= 2 and not parts[1].isdigit()):
            raise SeedError(f"{path}:{number}: expected 'word [frequency] [part-of-speech]'")
        freq = int(parts[1]) if len(parts) >= 2 else None
        entries.append((parts[0], freq, parts[2] if len(parts) == 3 else None))
    return entries


def configure(user_dicts: list[Path]) -> None:
    """Set the user dictionaries to load; takes effect on the next (first) use of the tokenizer.

    Words are only ever added to jieba's dictionary: a later configuration keeps earlier words."""
    with _lock:
        if _state.get("dicts") != list(user_dicts):
            _state.clear()
            _state["dicts"] = list(user_dicts)


def _word_path() -> WordPath:
    """The segmenter over the loaded dictionary (built with it in _tokenizer)."""
    _tokenizer()
    return _state["path"]  # type: ignore[return-value]


def _tokenizer() -> tuple[Any, Any]:
    """jieba's tokenizer and POS tagger, built on first use: importing jieba.posseg alone costs
    over a second (its HMM tables), which commands that only read the database never pay."""
    with _lock:
        if "tok" not in _state:
            import jieba
            import jieba.posseg

            jieba.setLogLevel(logging.WARNING)
            # jieba's own default tokenizer and tagger: importing jieba.posseg already built the
            # tagger's word table (~50 MB), so a second pair would only double the memory.
            tok = jieba.dt
            tok.initialize()
            for path in _state.get("dicts", []):  # type: ignore[attr-defined]
                for word, freq, tag in load_user_dictionary(path):
                    tok.add_word(word, freq, tag)
            _state["tok"] = tok
            _state["path"] = WordPath(tok, jieba.re_han_default, jieba.re_skip_default, jieba.re_eng)
            _state["pos"] = jieba.posseg.dt
            jieba.posseg.dt.makesure_userdict_loaded()  # the user words' tags into its tag table
            # Millions of long-lived dictionary objects: keep them out of every later GC pass,
            # which otherwise walks them all and stalls a lookup for tens of milliseconds.
            gc.freeze()
        return _state["tok"], _state["pos"]


def warm_up() -> None:
    """Load the dictionary and the user words now (about a second) rather than on first use."""
    _tokenizer()


def pos_tokens(text: str) -> list[Token]:
    """Words with part-of-speech tags and offsets, dictionary-driven (no HMM).

    The tags are what jieba.posseg's no-HMM cut gives: the dictionary's tag of each word, "eng" for
    runs of ASCII letters and digits, "x" otherwise; the words are jieba's no-HMM cut, computed by
    bot/text/wordpath.py (same words, twice as fast)."""
    _, pos = _tokenizer()
    tags: dict[str, str] = pos.word_tag_tab
    words = _word_path().cut(text)
    flags = [tags.get(w, "x") for w in words]
    for i, word in enumerate(words):  # ASCII runs: "eng" unless the dictionary knows the word
        if word.isascii() and word.isalnum() and (len(word) == 1 or word not in tags):
            flags[i] = "eng"
    starts = accumulate(map(len, words), initial=0)
    return list(map(_new_token, zip(words, flags, starts, strict=False)))


# Words jieba's dictionary tags as places that name no particular place.
GENERIC_PLACES = frozenset(
    "城市 国家 地区 社区 全国 全市 全省 全港 各地 当地 本地 沿海 海外 国际 国内 境外 境内 内地 农村 城乡 "
    "中外 两岸 各国 本港 本市 本省 山区 乡镇 城区 市区 郊区 街道 小区 周边 基层 中央 地方 南方 北方 "
    "东西".split()  # 东西 is "things" far more often than "east and west"
)


_ADMINISTRATIVE = frozenset("省市县区镇乡村州岛")


def places(text: str) -> list[str]:
    """Place names (jieba tag ns) in ``text``, including those inside longer words (福建厦门)."""
    return places_in(pos_tokens(text))


def places_in(tokens: list[Token]) -> list[str]:
    """Place names among tagged tokens: for callers that also need the words (one jieba pass)."""
    _, pos = _tokenizer()
    tags: dict[str, str] = pos.word_tag_tab
    found: dict[str, None] = {}
    for token in tokens:
        if token.flag == "ns" and len(token.word) > 1:
            if token.word not in GENERIC_PLACES:
                found[token.word] = None
        elif len(token.word) > 3:
            for size in (2, 3):
                for i in range(len(token.word) - size + 1):
                    sub = token.word[i : i + size]
                    if tags.get(sub) == "ns":
                        found[sub] = None
    common = common_words_tagged_as_places(tokens)
    return [p for p in found if p not in common]


def common_words_tagged_as_places(tokens: list[Token]) -> frozenset[str]:
    """jieba tags some common words ns (上市, 中断, 港口): CC-CEDICT, which capitalises the reading of
    every name, knows them only as common words. Such a word stays a place where an administrative
    unit follows it (海滨 "seashore", but 海滨市); a word CC-CEDICT does not know stays a place."""
    tagged = {t.word for t in tokens if t.flag == "ns" and len(t.word) > 1}
    if not tagged:
        return frozenset()
    named = {a.word for a, b in pairwise(tokens) if b.word[:1] in _ADMINISTRATIVE}
    return shared_lexicon().common_words(tagged - named)


def words(text: str) -> list[str]:
    """Plain segmentation (no tags)."""
    return _word_path().cut(text)


def search_terms(tokens: list[str]) -> Iterator[str]:
    """Index terms: content words plus their dictionary sub-words (as jieba's search mode does).

    Sub-words let "日增病例数" match "病例"; stop words and punctuation are dropped.
    """
    tok, _ = _tokenizer()
    freq = tok.FREQ
    for word in tokens:
        if len(word) < 2 or word in STOPWORDS or not _WORDLIKE.search(word):
            continue
        yield word
        if len(word) > 2:
            for size in (2, 3):
                for i in range(len(word) - size + 1):
                    sub = word[i : i + size]
                    if sub != word and freq.get(sub) and sub not in STOPWORDS:
                        yield sub
