"""Weighted text features: the words written, plus their bridges to the other language.

:func:`matching.text.analyze` gives the features of the words actually
written. :class:`Analyzer` adds, at a lower weight, what makes a Korean text
and an English one meet:

* glossary translations (``matching.glossary``): 보일러 also gives ``e:boiler``,
  "steam trap" also gives the bigrams of 스팀트랩;
* loanword keys (``matching.loanwords``): 컨베이어 and conveyor both give ``p:KNP``.

Features are (name, weight) pairs for ``sklearn``'s ``FeatureHasher``; the
same name twice adds up.
"""

from __future__ import annotations

from matching.glossary import Glossary
from matching.loanwords import hangul_key, latin_key
from matching.text import normalize, tokens

__all__ = ["BRIDGE_WEIGHT", "KEY_WEIGHT", "Analyzer"]

BRIDGE_WEIGHT = 0.5
"""A translated feature counts half a written word."""
KEY_WEIGHT = 0.25
"""A loanword key is coarser than a translation: a quarter of a written word."""
_MIN_KEY = 3
_MIN_LATIN = 4


def _korean(stem: str, weight: float, out: list[tuple[str, float]]) -> None:
    out.extend(("k:" + stem[i : i + 2], weight) for i in range(len(stem) - 1))
    if len(stem) >= 3:
        out.append(("w:" + stem, weight))


def _english(stems: list[str], weight: float, out: list[tuple[str, float]]) -> None:
    prev = ""
    for stem in stems:
        out.append(("e:" + stem, weight))
        if prev:
            out.append(("e:" + prev + "_" + stem, weight))
        prev = stem


class Analyzer:
    """Text → weighted features; ``glossary=None`` and ``loanwords=False`` turn bridges off."""

    def __init__(self, glossary: Glossary | None = None, loanwords: bool = True) -> None:
        self.glossary = glossary if glossary is not None and len(glossary) else None
        self.loanwords = loanwords

    def __call__(self, text: str) -> list[tuple[str, float]]:
        out: list[tuple[str, float]] = []
        prev_en = ""
        ko_run: list[str] = []
        en_run: list[str] = []
        for kind, stem, surface in tokens(normalize(text)):
            if kind == "k":
                prev_en = ""
                _korean(stem, 1.0, out)
                ko_run.append(surface)
                if self.loanwords and len(stem) >= 2:
                    self._key(hangul_key(stem), out)
            elif kind == "e":
                out.append(("e:" + stem, 1.0))
                if prev_en:
                    out.append(("e:" + prev_en + "_" + stem, 1.0))
                prev_en = stem
                en_run.append(stem)
                if self.loanwords and len(stem) >= _MIN_LATIN and stem.isalpha():
                    self._key(latin_key(stem), out)
            else:
                prev_en = ""
        if self.glossary is not None:
            self._translate(ko_run, en_run, out)
        return out

    @staticmethod
    def _key(key: str, out: list[tuple[str, float]]) -> None:
        if len(key) >= _MIN_KEY:
            out.append(("p:" + key, KEY_WEIGHT))

    def _translate(
        self, ko_words: list[str], en_stems: list[str], out: list[tuple[str, float]]
    ) -> None:
        glossary = self.glossary
        assert glossary is not None  # noqa: S101 - checked by the caller
        if ko_words:
            starts: set[int] = set()
            offset = 0
            for w in ko_words:
                starts.add(offset)
                offset += len(w)
            for phrase in glossary.english_for_korean("".join(ko_words), frozenset(starts)):
                _english(phrase.split(" "), BRIDGE_WEIGHT, out)
        if en_stems:
            for ko in glossary.korean_for_english(en_stems):
                _korean(ko, BRIDGE_WEIGHT, out)
