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
    KIND_PLAIN,
    Capability,
    Evidence,
    Found,
    Vocabulary,
    evidence_of,
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
        self._cache: dict[str, tuple[str, ...]] = {}

    def parts(self, name: str) -> tuple[str, ...]:
        """The normalised strings to take out for ``name``, longest first."""
        found = self._cache.get(name)
        if found is None:
            if len(self._cache) >= _NAME_CACHE:
                self._cache.clear()
            found = self._cache[name] = self._parts(name)
        return found

    def _parts(self, name: str) -> tuple[str, ...]:
        full = normalize(name)
        words = [w for w in full.split(" ") if w != full]
        out = []
        for p in sorted({full, *words}, key=len, reverse=True):
            if len(p) < 2 or (p.isascii() and len(p) < 3) or is_function_word(p):
                continue
            if p != full and self.known(p):
                continue
            out.append(p)
        return tuple(out)

    def __call__(self, text: str, name: str) -> str:
        """``text`` normalised, with the company ``name`` (and its coined words) taken out."""
        norm = normalize(text)
        for p in self.parts(name):
            if p in norm:
                norm = _cut(norm, p)
        return norm


def _cut(text: str, part: str) -> str:
    """``text`` with each occurrence of ``part`` that starts a word blanked out.

    A Latin part must also end a word; a Korean one may carry a particle after it.
    (Plain string search: a regex per company name costs more to compile than to run.)
    """
    out: list[str] = []
    pos = 0
    latin_end = part[-1].isascii()
    while True:
        at = text.find(part, pos)
        if at < 0:
            break
        end = at + len(part)
        starts = at == 0 or not text[at - 1].isalnum()
        ends = not latin_end or end == len(text) or not _is_latin_alnum(text[end])
        if starts and ends:
            out.append(text[pos:at])
            out.append(" ")
            pos = end
        else:
            out.append(text[pos : at + 1])
            pos = at + 1
    out.append(text[pos:])
    return "".join(out)


def _is_latin_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


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
    def find(cls, vocab: Vocabulary, parts: Iterable[tuple[float, str]]) -> Caps:
        """Evidence in each (source weight, normalised text) part, merged per concept.

        (The glossary is not searched here: its translations cost a third of the
        fitting time for no measurable gain; it works on the text side.)
        """
        found: Found = {}
        for weight, text in parts:
            if text:
                vocab.scan(text, found, weight)
        hits = {}
        for i, ev in evidence_of(found).items():
            hits[i] = (vocab.strength(i, ev), tuple(ev))
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
    """The shared capability, each language quoting its own words of both sides.

    역량 일치: 누설 탐지 (요청 '공기 누설' ↔ 보유 '누설 탐지')
    """
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
    """ "관련 역량: 베어링 결함 감지 ↔ 진동 감지": the startup offers a linked concept."""
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
