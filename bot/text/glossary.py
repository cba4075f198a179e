"""English -> Chinese newsroom glossary (seeds/glossary.tsv) so English queries reach Chinese claims,
place abbreviations (seeds/place_abbreviations.tsv: 京津 -> 北京, 天津) so short forms reach full names,
and Chinese synonyms (seeds/synonyms.tsv: 吃东西|饮食, 罚款|罚锾) so a paraphrase reaches the wording
an article chose."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from bot.errors import SeedError

_WORD = re.compile(r"[a-z][a-z'\-]*")
MAX_PHRASE_WORDS = 4
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
        words = _WORD.findall(text.lower())
        found: list[tuple[str, ...]] = []
        left: list[str] = []
        i = 0
        while i < len(words):
            for size in range(min(MAX_PHRASE_WORDS, len(words) - i), 0, -1):
                phrase = " ".join(words[i : i + size])
                if phrase in self.entries:
                    found.append(self.entries[phrase])
                    i += size
                    break
            else:
                if words[i] not in ENGLISH_STOPWORDS and len(words[i]) > 1:
                    left.append(words[i])
                i += 1
        return found, left


def load_seed_glossary(seeds: Path) -> Glossary:
    """The glossary, place abbreviations and synonyms of a seeds folder."""
    return load_glossary(seeds / "glossary.tsv", seeds / "place_abbreviations.tsv", seeds / "synonyms.tsv")


def load_glossary(path: Path, abbreviations: Path | None = None, synonyms: Path | None = None) -> Glossary:
    """Read ``english<TAB>中文|中文`` lines (and ``简称<TAB>全称`` lines from ``abbreviations``,
    ``词|词|词`` groups from ``synonyms``); a malformed line raises SeedError naming it."""
    entries: dict[str, tuple[str, ...]] = {}
    places = _load_abbreviations(abbreviations) if abbreviations else {}
    groups = _load_synonyms(synonyms) if synonyms else {}
    if not path.exists():
        return Glossary(entries, places, groups)
    for number, line in enumerate(_read_lines(path, "glossary"), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
            raise SeedError(f"{path}:{number}: expected 'english<TAB>中文|中文'")
        english = " ".join(_WORD.findall(parts[0].lower()))
        chinese = tuple(t.strip() for t in parts[1].split("|") if t.strip())
        entries[english] = entries.get(english, ()) + chinese
    return Glossary(entries, places, groups)


def _read_lines(path: Path, what: str) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise SeedError(f"{path}: cannot read the {what} ({exc.__class__.__name__})") from exc


def _load_synonyms(path: Path) -> dict[str, tuple[str, ...]]:
    """Each line a group of words a newsroom uses for the same thing; a word in two groups is refused
    (which group would a query mean?)."""
    if not path.exists():
        return {}
    out: dict[str, tuple[str, ...]] = {}
    for number, line in enumerate(_read_lines(path, "synonyms"), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
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
    if not path.exists():
        return {}
    out: dict[str, str] = {}
    for number, line in enumerate(_read_lines(path, "place abbreviations"), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = [p.strip() for p in line.split("\t")]
        if len(parts) != 2 or len(parts[0]) != 1 or not parts[1]:
            raise SeedError(f"{path}:{number}: expected '简称<TAB>全称' (one character, then the name)")
        out[parts[0]] = parts[1]
    return out
