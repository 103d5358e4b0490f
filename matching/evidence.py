"""What counts as evidence for a pair, and how it is shown as a reason.

* The text used for evidence never contains the company's own name (a startup
  called 누수알람 does not thereby do leak detection) nor the manufacturer's.
* Capability evidence is the vocabulary's own spelling of a matched term, so a
  reason quotes dictionary forms (프레스, not 프레스에), in the reader's
  language: a Korean reason shows Korean words, an English one English words.
* ``not_alone`` words, hidden labels and loanword keys count but are never shown.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from matching.records import NeedRecord, StartupRecord
from matching.text import is_function_word, normalize, strip_korean_suffix
from matching.vocabulary import (
    KIND_LABEL,
    KIND_NOT_ALONE,
    KIND_PLAIN,
    KIND_TRANSLATED,
    Capability,
    Evidence,
    Vocabulary,
)

__all__ = [
    "Caps",
    "NameStripper",
    "Reason",
    "capability_reason",
    "evidence_text",
    "linked_reason",
    "need_text",
    "shown_terms",
    "startup_text",
    "terms_reason",
]

_HANGUL = re.compile(r"[가-힣]")
_SHOWN_PER_SIDE = 2
_NAME_CACHE = 50_000
TRANSLATED_WEIGHT = 0.3
"""Evidence found only through the glossary translation of a text."""


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a pair ranks where it does, in Korean and English.

    ``kind`` is ``sector``, ``capability``, ``terms``, ``priority`` or
    ``iot_field``; ``code`` is the sector, capability or field code;
    ``need_terms``/``startup_terms`` are the words that matched on each side
    (capability), ``terms`` the strongest shared words (terms).
    """

    kind: str
    ko: str
    en: str
    code: str | None = None
    terms: tuple[str, ...] = ()
    need_terms: tuple[str, ...] = ()
    startup_terms: tuple[str, ...] = ()

    def text(self, locale: str = "both") -> str:
        if locale == "ko":
            return self.ko
        if locale == "en":
            return self.en
        return f"{self.ko} / {self.en}"


class NameStripper:
    """Takes a company's name out of a text before it is used as evidence.

    The whole name goes, and each of its words that is not a domain word: in
    "Dongbang Dyeing" the word "dongbang" goes but "dyeing" (a vocabulary or
    glossary term) stays, since the need may well be about dyeing; in
    "누수알람 LeakAlarm" both coined words go. ``known`` says what a domain word is.
    """

    def __init__(self, known: Callable[[str], bool] = lambda _w: False) -> None:
        self.known = known
        self._cache: dict[str, re.Pattern[str] | None] = {}

    def pattern(self, name: str) -> re.Pattern[str] | None:
        if name not in self._cache:
            if len(self._cache) >= _NAME_CACHE:
                self._cache.clear()
            self._cache[name] = self._compile(name)
        return self._cache[name]

    def _compile(self, name: str) -> re.Pattern[str] | None:
        full = normalize(name)
        words = [w for w in full.split(" ") if w != full]
        alts = []
        for p in sorted({full, *words}, key=len, reverse=True):
            if len(p) < 2 or (p.isascii() and len(p) < 3) or is_function_word(p):
                continue
            if p != full and self.known(p):
                continue
            # A Latin word must stand alone; a Korean one may carry a particle after it.
            tail = r"(?![a-z0-9])" if p[-1].isascii() else ""
            alts.append(r"(?<![a-z0-9가-힣])" + re.escape(p) + tail)
        return re.compile("|".join(alts)) if alts else None

    def __call__(self, text: str, name: str) -> str:
        """``text`` normalised, with the company ``name`` (and its coined words) taken out."""
        norm = normalize(text)
        pattern = self.pattern(name)
        return pattern.sub(" ", norm) if pattern is not None and norm else norm


_PLAIN_STRIPPER = NameStripper()


def evidence_text(text: str, name: str, strip: NameStripper = _PLAIN_STRIPPER) -> str:
    """``text`` normalised, with the company ``name`` taken out (see :class:`NameStripper`)."""
    return strip(text, name)


def startup_text(r: StartupRecord, strip: NameStripper = _PLAIN_STRIPPER) -> str:
    """The text of a profile used for word similarity (tags count twice), name removed."""
    caps = strip(" . ".join(r.capabilities), r.name)
    return f"{caps}\n{caps}\n{strip(r.description, r.name)}"


def need_text(r: NeedRecord, strip: NameStripper = _PLAIN_STRIPPER) -> str:
    """The text of a need used for word similarity (title and tags twice), maker removed."""
    title = strip(r.title, r.manufacturer)
    req = strip(" . ".join(r.required_capabilities), r.manufacturer)
    return f"{title}\n{title}\n{req}\n{req}\n{strip(r.description, r.manufacturer)}"


@dataclass(slots=True)
class Caps:
    """Capability strengths of one side: index → (strength, evidence)."""

    hits: dict[int, tuple[float, tuple[Evidence, ...]]]

    @classmethod
    def find(
        cls,
        vocab: Vocabulary,
        parts: Iterable[tuple[float, str]],
        translate: Callable[[str], str] | None = None,
    ) -> Caps:
        """Evidence in each (source weight, normalised text) part, merged per concept.

        With ``translate`` (the glossary), the other-language spelling of the
        parts' terms is searched too, at :data:`TRANSLATED_WEIGHT` and never shown.
        """
        found: dict[int, dict[str, Evidence]] = {}
        parts = list(parts)
        if translate is not None:
            parts.append((-TRANSLATED_WEIGHT, translate(" . ".join(t for _w, t in parts if t))))
        for weight, text in parts:
            if not text:
                continue
            translated = weight < 0
            for i, evidence in vocab.find_evidence(text).items():
                into = found.setdefault(i, {})
                for e in evidence:
                    w = e.weight * abs(weight)
                    kind = KIND_TRANSLATED if translated and e.kind != KIND_NOT_ALONE else e.kind
                    old = into.get(e.term)
                    if old is None or w > old.weight:
                        into[e.term] = Evidence(e.term, w, kind)
        hits = {}
        for i, terms in found.items():
            ev = tuple(terms.values())
            hits[i] = (vocab.strength(i, ev), ev)
        return cls(hits)


def _clean(term: str) -> bool:
    """A phrase that reads as dictionary words: no particle or ending, no one-syllable stub.

    Plain shop-floor phrases are stored as fragments that match inside
    sentences (고장이 나, 라인이 멈); those are evidence but not for quoting.
    """
    for w in term.split(" "):
        if _HANGUL.search(w) and (len(w) < 2 or strip_korean_suffix(w) != w):
            return False
    return True


def shown_terms(evidence: Iterable[Evidence], locale: str) -> tuple[str, ...]:
    """Up to two words to quote for one side: names and synonyms first, in ``locale``'s script."""
    korean = locale == "ko"
    usable = [
        e
        for e in evidence
        if (e.kind == KIND_LABEL or (e.kind == KIND_PLAIN and _clean(e.term)))
        and bool(_HANGUL.search(e.term)) == korean
    ]
    if any(e.kind == KIND_LABEL for e in usable):
        usable = [e for e in usable if e.kind == KIND_LABEL]
    usable.sort(key=lambda e: (-e.weight, -len(e.term), e.term))
    kept: list[str] = []
    for e in usable:
        word = e.term
        compact = word.replace(" ", "")
        if any(compact in k.replace(" ", "") or k.replace(" ", "") in compact for k in kept):
            continue
        kept.append(word)
        if len(kept) == _SHOWN_PER_SIDE:
            break
    return tuple(kept)


def _quoted(request: str, offer: str, need: Sequence[str], startup: Sequence[str]) -> str:
    parts = []
    if need:
        parts.append(f"{request} '{', '.join(need)}'")
    if startup:
        parts.append(f"{offer} '{', '.join(startup)}'")
    return f" ({' ↔ '.join(parts)})" if parts else ""


def capability_reason(
    cap: Capability, need: Sequence[Evidence], startup: Sequence[Evidence]
) -> Reason:
    """"역량 일치: 누설 탐지 (요청 '공기 새는' ↔ 보유 '누설 탐지')", each language its own words."""
    nk, sk = shown_terms(need, "ko"), shown_terms(startup, "ko")
    ne, se = shown_terms(need, "en"), shown_terms(startup, "en")
    return Reason(
        "capability",
        f"역량 일치: {cap.ko}{_quoted('요청', '보유', nk, sk)}",
        f"Capability match: {cap.en}{_quoted('need', 'startup', ne, se)}",
        code=cap.id,
        need_terms=nk + ne,
        startup_terms=sk + se,
    )


def linked_reason(need: Capability, startup: Capability) -> Reason:
    """"관련 역량: 베어링 결함 감지 ↔ 진동 감지": the startup offers a linked concept."""
    return Reason(
        "capability",
        f"관련 역량: {need.ko} ↔ {startup.ko}",
        f"Related capability: {need.en} ↔ {startup.en}",
        code=startup.id,
    )


def terms_reason(words: Sequence[str]) -> Reason | None:
    """Shared words, Korean ones on the Korean side and Latin ones on the English side."""
    words = [w for w in words if not is_function_word(w)]
    if not words:
        return None
    ko = [w for w in words if _HANGUL.search(w)] or words
    en = [w for w in words if not _HANGUL.search(w)] or words
    return Reason(
        "terms",
        f"공통 용어: {', '.join(ko[:3])}",
        f"Shared terms: {', '.join(en[:3])}",
        terms=tuple(words),
    )
