"""English -> Chinese newsroom glossary (seeds/glossary.tsv) so English queries reach Chinese claims,
place abbreviations (seeds/place_abbreviations.tsv: 京津 -> 北京, 天津) so short forms reach full names,
Chinese synonyms (seeds/synonyms.tsv: 吃东西|饮食, 罚款|罚锾) so a paraphrase reaches the wording
an article chose, and the short names of bodies (seeds/organisation_abbreviations.tsv: 港大, 中大) so
a query crediting another body is told apart. Behind the newsroom lists, the general dictionaries of
bot/text/lexicon.py (CC-CEDICT, 词林) answer for English phrases and for names and words the lists do not have."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from itertools import pairwise
from pathlib import Path

from bot.errors import SeedError
from bot.text.lexicon import Lexicon, shared_lexicon

_WORD = re.compile(r"[a-z][a-z'\-]*")
MAX_PHRASE_WORDS = 4
MAX_LEXICON_PHRASE = 3  # CC-CEDICT glosses longer than this are descriptions, not names
ENGLISH_STOPWORDS = frozenset(
    "a an the of to in on at for from by with about as into over under than that this these those it its "
    "is are was were be been being has have had do does did will would can could should may might must "
    "and or but not no yes if then so true really claim claims said says say did what which who whom "
    "when where why how there their they them he she his her we our you your i me my".split()
)


@dataclass(frozen=True, slots=True)
class Glossary:
    entries: dict[str, tuple[str, ...]]
    abbreviations: dict[str, str] = field(default_factory=dict)
    synonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)  # word -> its whole group
    lexicon: Lexicon | None = None  # general dictionaries behind the lists (None: the lists only)
    organisations: dict[str, tuple[str, ...]] = field(default_factory=dict)  # short name -> full names
    _synonym_re: re.Pattern[str] | None = field(default=None, init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.synonyms:  # longest first, so 新冠肺炎 wins over 新冠
            words = sorted(self.synonyms, key=lambda w: (-len(w), w))
            object.__setattr__(self, "_synonym_re", re.compile("|".join(map(re.escape, words))))

    def synonym_groups(self, text: str) -> list[tuple[str, ...]]:
        """The synonym group of every listed word in ``text`` (each group once), in order."""
        if self._synonym_re is None:
            return []
        return list(dict.fromkeys(self.synonyms[m.group(0)] for m in self._synonym_re.finditer(text)))

    def word_alternatives(self, words: list[str]) -> list[tuple[str, tuple[str, ...]]]:
        """(word, its group) for each query word the dictionaries give aliases or synonyms for and the
        newsroom list does not already cover: 世卫组织 -> 世界卫生组织, a nickname -> the full name."""
        if self.lexicon is None:
            return []
        # A word mixing scripts (A股, B超, a nickname like X哥) is two tokens to jieba: look the pair up as one word too.
        mixed = [a + b for a, b in pairwise(words) if a.isascii() != b.isascii()]
        asked = [w for w in dict.fromkeys(words + mixed) if w not in self.synonyms]
        found = self.lexicon.alternatives(asked)
        return [(w, (w, *found[w])) for w in asked if w in found]

    def organisations_in(self, words: list[str]) -> list[frozenset[str]]:
        """The bodies a text names by a listed short name, each as the set of names it goes by. The
        name must be a word of its own or two single characters (jieba cuts 中大 into 中 and 大), so
        其中大部分 names none."""
        found: dict[str, None] = {}
        for i, word in enumerate(words):
            pair = word + words[i + 1] if i + 1 < len(words) and len(word) == len(words[i + 1]) == 1 else ""
            for name in (word, pair):
                if name in self.organisations:
                    found[name] = None
        return [frozenset((name, *self.organisations[name])) for name in found]

    def expand_places(self, places: list[str]) -> list[str]:
        """A place name made only of abbreviations (京津, 粤港澳) becomes the places it names."""
        out: dict[str, None] = {}
        for place in places:
            if len(place) >= 2 and all(ch in self.abbreviations for ch in place):
                out.update(dict.fromkeys(self.abbreviations[ch] for ch in place))
            else:
                out[place] = None
        return list(out)

    def translate(self, text: str) -> tuple[list[tuple[str, ...]], list[str]]:
        """(Chinese alternatives for the longest English phrases in ``text``, content words left over)."""
        found, left, _ = self.translate_marked(text)
        return found, left

    def translate_marked(self, text: str) -> tuple[list[tuple[str, ...]], list[str], list[bool]]:
        """As :meth:`translate`, also saying which translations are one general English word looked up
        in CC-CEDICT ("power" -> 权力): a guess at the sense, which should weigh little."""
        words = _WORD.findall(text.lower())
        found: list[tuple[str, ...]] = []
        loose: list[bool] = []
        left: list[str] = []
        i = 0
        while i < len(words):
            size, chinese, guessed = self._phrase_at(words, i)
            if chinese:
                found.append(chinese)
                loose.append(guessed)
                i += size
                continue
            if words[i] not in ENGLISH_STOPWORDS and len(words[i]) > 1:
                left.append(words[i])
            i += 1
        return found, left, loose

    def _phrase_at(self, words: list[str], i: int) -> tuple[int, tuple[str, ...], bool]:
        """The longest phrase at ``i`` the glossary or CC-CEDICT knows (the glossary first at equal
        length), and whether it is one loose dictionary word."""
        for size in range(min(MAX_PHRASE_WORDS, len(words) - i), 0, -1):
            if (phrase := " ".join(words[i : i + size])) in self.entries:
                return size, self.entries[phrase], False
            if chinese := self._dictionary(words[i : i + size]):
                return size, chinese, size == 1
        return 1, (), False

    def _dictionary(self, phrase: list[str]) -> tuple[str, ...]:
        *head, last = phrase
        if self.lexicon is None or len(phrase) > MAX_LEXICON_PHRASE or phrase[0] in ENGLISH_STOPWORDS:
            return ()
        if (not head and len(last) < 3) or last in ENGLISH_STOPWORDS:
            return ()
        for form in dict.fromkeys((last, singular(last))):
            if chinese := self.lexicon.english(" ".join([*head, form])):
                return chinese
        return ()


def singular(word: str) -> str:
    """refunds -> refund, cities -> city, buses -> bus: the form dictionaries gloss."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def load_seed_glossary(seeds: Path) -> Glossary:
    """The glossary, place abbreviations, synonyms and organisations' short names of a seeds folder,
    with the general dictionaries."""
    glossary = load_glossary(
        seeds / "glossary.tsv", seeds / "place_abbreviations.tsv", seeds / "synonyms.tsv", shared_lexicon()
    )
    return replace(glossary, organisations=load_organisations(seeds / "organisation_abbreviations.tsv"))


def load_organisations(path: Path) -> dict[str, tuple[str, ...]]:
    """``简称<TAB>全称|全称`` lines; a malformed line raises SeedError naming it."""
    out: dict[str, tuple[str, ...]] = {}
    for number, line in _entries(path, "organisation abbreviations"):
        parts = [p.strip() for p in line.split("\t")]
        names = tuple(n.strip() for n in parts[-1].split("|") if n.strip())
        if len(parts) != 2 or len(parts[0]) < 2 or not names:
            raise SeedError(
                f"{path}:{number}: expected '简称<TAB>全称|全称' (a short name of two characters or more)"
            )
        out[parts[0]] = names
    return out


def load_glossary(
    path: Path,
    abbreviations: Path | None = None,
    synonyms: Path | None = None,
    lexicon: Lexicon | None = None,
) -> Glossary:
    """Read ``english<TAB>中文|中文`` lines (and ``简称<TAB>全称`` lines from ``abbreviations``,
    ``词|词|词`` groups from ``synonyms``); a malformed line raises SeedError naming it."""
    entries: dict[str, tuple[str, ...]] = {}
    places = _load_abbreviations(abbreviations) if abbreviations else {}
    groups = _load_synonyms(synonyms) if synonyms else {}
    for number, line in _entries(path, "glossary"):
        parts = line.split("\t")
        if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
            raise SeedError(f"{path}:{number}: expected 'english<TAB>中文|中文'")
        english = " ".join(_WORD.findall(parts[0].lower()))
        chinese = tuple(t.strip() for t in parts[1].split("|") if t.strip())
        entries[english] = entries.get(english, ()) + chinese
    return Glossary(entries, places, groups, lexicon)


def _entries(path: Path, what: str) -> Iterator[tuple[int, str]]:
    """(line number, line) of a seed list's entries: blank lines and # comments skipped; a missing
    file has none, an unreadable one raises SeedError naming it."""
    if not path.exists():
        return
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise SeedError(f"{path}: cannot read the {what} ({exc.__class__.__name__})") from exc
    for number, line in enumerate(lines, 1):
        if line.strip() and not line.lstrip().startswith("#"):
            yield number, line


def _load_synonyms(path: Path) -> dict[str, tuple[str, ...]]:
    """Each line a group of words a newsroom uses for the same thing; a word in two groups is refused
    (which group would a query mean?)."""
    out: dict[str, tuple[str, ...]] = {}
    for number, line in _entries(path, "synonyms"):
        words = tuple(w.strip() for w in line.split("|"))
        if len(words) < 2 or any(len(w) < 2 or "\t" in w for w in words):
            raise SeedError(
                f"{path}:{number}: expected '词|词|…' (two or more words of two characters or more)"
            )
        for word in words:
            if word in out:
                raise SeedError(f"{path}:{number}: '{word}' is already in another group")
            out[word] = words
    return out


def _load_abbreviations(path: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    for number, line in _entries(path, "place abbreviations"):
        parts = [p.strip() for p in line.split("\t")]
        if len(parts) != 2 or len(parts[0]) != 1 or not parts[1]:
            raise SeedError(f"{path}:{number}: expected '简称<TAB>全称' (one character, then the name)")
        out[parts[0]] = parts[1]
    return out
