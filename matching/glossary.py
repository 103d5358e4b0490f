"""The bilingual industrial glossary: Korean ↔ English term pairs for the text bridge.

``data/glossary/*.tsv`` hold one pair per line, ``한국어<TAB>English``; blank
lines and lines starting with ``#`` are skipped. A Korean need and an English
profile share few words; with the glossary each side's terms are also given
in the other language (weighted lower than the words really written), so the
text similarity works across languages. Korean terms are found with one
Aho–Corasick automaton (in compounds too, from three syllables on; shorter
ones must start a word); English terms are looked up as stemmed word n-grams.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import ahocorasick

from matching.text import normalize, stem_en

__all__ = ["GLOSSARY_DIR", "Glossary", "GlossaryError", "load_glossary"]

GLOSSARY_DIR = Path(__file__).with_name("data") / "glossary"
MAX_EN_WORDS = 4
_HANGUL = re.compile(r"[가-힣]")
_LATIN = re.compile(r"[a-z]")
_EN_WORD = re.compile(r"[a-z0-9]+")


class GlossaryError(ValueError):
    """A glossary line is malformed; the message names the file and line."""

    def __init__(self, source: str, line: int, message: str) -> None:
        super().__init__(f"{source}:{line}: {message}")
        self.source = source
        self.line = line


def en_key(text: str) -> str:
    """Stemmed words of English text, space-joined (the lookup key of a phrase)."""
    return " ".join(stem_en(w) for w in _EN_WORD.findall(normalize(text)))


@dataclass(slots=True)
class Glossary:
    """Korean → English and English → Korean translations of industrial terms."""

    pairs: tuple[tuple[str, str], ...]
    _ko: Any = field(default=None, repr=False)
    _en: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    _ko_spelled: dict[str, str] = field(default_factory=dict, repr=False)
    _en_first: dict[str, int] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        ko_to_en: dict[str, list[tuple[str, str]]] = {}
        for ko, en in self.pairs:
            k = normalize(ko).replace(" ", "")
            e = en_key(en)
            if len(k) >= 2 and e:
                ko_to_en.setdefault(k, []).append((e, normalize(en)))
            if e and k:
                self._ko_spelled.setdefault(k, normalize(ko))
                bucket = self._en.setdefault(e, ())
                if k not in bucket:
                    self._en[e] = (*bucket, k)
        for e in self._en:
            words = e.split(" ")
            if len(words) <= MAX_EN_WORDS:
                self._en_first[words[0]] = max(self._en_first.get(words[0], 0), len(words))
        automaton = ahocorasick.Automaton()
        for k, ens in ko_to_en.items():
            automaton.add_word(k, (k, tuple(dict.fromkeys(ens))))
        if ko_to_en:
            automaton.make_automaton()
        self._ko = automaton if ko_to_en else None

    def __len__(self) -> int:
        return len(self.pairs)

    def has_term(self, word: str) -> bool:
        """Whether normalised ``word`` is a glossary term on either side."""
        return word.replace(" ", "") in self._ko_spelled or en_key(word) in self._en

    def english_for_korean(self, compact: str, starts: frozenset[int]) -> Iterator[str]:
        """English (stemmed) phrases of the Korean terms in ``compact`` Hangul text.

        ``compact`` has its spaces removed; ``starts`` are the offsets where a
        word began (a two-syllable term must start a word).
        """
        if self._ko is None:
            return
        for end, (k, ens) in self._ko.iter(compact):
            begin = end + 1 - len(k)
            if len(k) < 3 and begin not in starts:
                continue
            yield from (stemmed for stemmed, _spelled in ens)

    def translate(self, normalized: str) -> str:
        """The other language's spelling of every glossary term in ``normalized`` text.

        Korean terms give their English words, English phrases their Korean
        terms, joined by " . " (so no phrase runs into the next).
        """
        out: list[str] = []
        if self._ko is not None:
            for word_start, compact in _korean_runs(normalized):
                for end, (k, ens) in self._ko.iter(compact):
                    if len(k) < 3 and end + 1 - len(k) not in word_start:
                        continue
                    out.extend(spelled for _stemmed, spelled in ens)
        if self._en:
            stems = [stem_en(w) for w in _EN_WORD.findall(normalized) if not w.isdigit()]
            out.extend(self._ko_spelled.get(k, k) for k in self.korean_for_english(stems))
        return " . ".join(dict.fromkeys(out))

    def korean_for_english(self, stems: list[str]) -> list[str]:
        """Korean terms (spaces removed) of the English phrases in a run of stemmed words."""
        out: list[str] = []
        first, en = self._en_first, self._en
        n = len(stems)
        for i, stem in enumerate(stems):
            longest = first.get(stem)
            if not longest:
                continue
            for j in range(i + 1, min(n, i + longest) + 1):
                ko = en.get(" ".join(stems[i:j]))
                if ko:
                    out.extend(ko)
        return out


def _korean_runs(normalized: str) -> Iterator[tuple[frozenset[int], str]]:
    """Runs of Hangul words with spaces removed, and where each word began."""
    for run in re.findall(r"[가-힣]+(?: [가-힣]+)*", normalized):
        starts: set[int] = set()
        offset = 0
        for w in run.split(" "):
            starts.add(offset)
            offset += len(w)
        yield frozenset(starts), run.replace(" ", "")


def _parse_line(raw: str, source: str, number: int) -> tuple[str, str] | None:
    line = raw.rstrip("\n").rstrip("\r")
    if not line.strip() or line.lstrip().startswith("#"):
        return None
    cols = line.split("\t")
    if len(cols) != 2:
        raise GlossaryError(source, number, f"expected 2 tab-separated columns, got {len(cols)}")
    ko, en = cols[0].strip(), cols[1].strip()
    if not ko or not en:
        raise GlossaryError(source, number, "both columns must be non-empty")
    if not _HANGUL.search(ko):
        raise GlossaryError(source, number, f"first column has no Hangul: {ko!r}")
    if not _LATIN.search(normalize(en)):
        raise GlossaryError(source, number, f"second column has no Latin letter: {en!r}")
    return ko, en


def read_glossary(paths: Iterable[Path]) -> tuple[tuple[str, str], ...]:
    """Validated (ko, en) pairs of the given TSV files, in order; duplicates kept once."""
    pairs: dict[tuple[str, str], None] = {}
    for path in paths:
        try:
            lines = path.read_text("utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise GlossaryError(path.name, 0, f"cannot read file: {exc}") from exc
        for number, raw in enumerate(lines, start=1):
            pair = _parse_line(raw, path.name, number)
            if pair is not None:
                pairs[pair] = None
    return tuple(pairs)


@lru_cache(maxsize=4)
def load_glossary(path: str | None = None) -> Glossary:
    """The shipped glossary (every ``*.tsv`` of the folder ``path``); cached.

    Raises :class:`GlossaryError` naming file and line for a line without
    exactly two non-empty columns (Korean with Hangul, English with a letter).
    """
    folder = Path(path) if path else GLOSSARY_DIR
    files = sorted(folder.glob("*.tsv")) if folder.is_dir() else []
    return Glossary(read_glossary(files))
