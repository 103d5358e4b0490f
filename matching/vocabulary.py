"""The bilingual capability vocabulary and the text → capability mapping.

The vocabulary is a folder, ``data/vocabulary/``: ``_scheme.json`` holds the
sector and ``iot_field`` code lists, every other ``*.json`` file is one concept
scheme (an area or a sector) in the SKOS-shaped layout of
:func:`load_vocabulary`. Text on both sides of a match is mapped onto the
concept ids, so a Korean need written in plain words meets an English profile
written in vendor words.

Matching runs on :func:`matching.text.normalize` output with one Aho–Corasick
automaton over every term (linear in the text, independent of the vocabulary
size). Korean terms match anywhere (particles and compounds follow them); a
Korean term written with a leading ``^`` must start a word (``^새는`` for 새다,
so 새로운 does not match). Latin terms must start a word and may carry a short
inflection (leak → leaks, leaking). A Hangul word whose phonetic key equals
that of a long Latin term (콤프레샤 ~ compressor) counts as a hidden label.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import ahocorasick

from matching.loanwords import hangul_key, latin_key
from matching.text import normalize, strip_korean_suffix
from matching.vocabulary_files import (
    VOCABULARY_DIR,
    ConceptData,
    VocabularyError,
    read_code_lists,
    read_vocabulary,
)

__all__ = [
    "IOT_FIELDS",
    "SECTORS",
    "Capability",
    "CapabilityHit",
    "Label",
    "Vocabulary",
    "VocabularyError",
    "capability_names",
    "load_vocabulary",
    "map_capabilities",
    "suggest_capabilities",
]

PLAIN_TERM_WEIGHT = 0.7
"""Plain shop-floor words are more ambiguous than vendor terms."""
SINGLE_WORD_FACTOR = 0.85
"""A one-word term is weaker evidence than a phrase (a multi-word or long term)."""
LOANWORD_WEIGHT = 0.8
"""A Hangul spelling joined to a Latin term by its phonetic key, not by the vocabulary."""
NOT_ALONE_WEIGHT = 0.4
"""A ``not_alone`` word: counts only next to other evidence of the same concept."""

# Inflections a Latin term may carry (leak → leaks, leaking); short terms
# (ai, bi, mes) only a plural, so "aid" is not AI.
_LATIN_SUFFIXES = frozenset({"", "s", "es", "ed", "d", "ing"})
_SHORT_SUFFIXES = frozenset({"", "s"})
_WORDCHAR = re.compile(r"[a-z0-9]")
_SUFFIX = re.compile(r"[a-z0-9]+")
_HANGUL = re.compile(r"[가-힣]")
_HANGUL_WORD = re.compile(r"[가-힣]{2,}")
# The key is coarse, so only long words take part: a Latin term of five letters or
# more whose key no other term shares, met by a Hangul word of three syllables or
# more that is not a verb form (입니다 and paint share a key).
_LOANWORD_MIN_LATIN = 5
_LOANWORD_MIN_KEY = 3
_LOANWORD_MIN_SYLLABLES = 3
_VERB_ENDING = re.compile(
    r"(?:니다|어요|아요|해요|세요|는데|지만|어서|아서|면서|다가|마다|거나|던|까지)$"
)

# Term kinds; only labels and plain words are ever shown in a reason.
KIND_LABEL, KIND_HIDDEN, KIND_PLAIN, KIND_LOANWORD, KIND_NOT_ALONE = range(5)


@dataclass(frozen=True, slots=True)
class Label:
    """A code with its Korean and English display names."""

    code: str
    ko: str
    en: str


@dataclass(frozen=True, slots=True)
class Capability:
    """One concept of the vocabulary and the words that name it."""

    id: str
    ko: str
    en: str
    fields: tuple[str, ...]
    weight: float
    synonyms_ko: tuple[str, ...] = ()
    synonyms_en: tuple[str, ...] = ()
    plain_ko: tuple[str, ...] = ()
    plain_en: tuple[str, ...] = ()
    hidden_ko: tuple[str, ...] = ()
    hidden_en: tuple[str, ...] = ()
    not_alone_ko: tuple[str, ...] = ()
    not_alone_en: tuple[str, ...] = ()
    scope: str = ""
    broader: str | None = None
    related: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    scheme: str = ""

    def name(self, locale: str = "ko") -> str:
        return self.en if locale.startswith("en") else self.ko


@dataclass(frozen=True, slots=True)
class CapabilityHit:
    """A capability found in a text, with the strength and the words that matched."""

    capability_id: str
    strength: float
    terms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Evidence:
    """One matched term: the vocabulary's spelling (dictionary form), its weight and kind."""

    term: str
    weight: float
    kind: int


class _Term(NamedTuple):
    capability: int
    weight: float
    kind: int
    shown: str  # the vocabulary's own spelling (case kept), shown in reasons
    word_start: bool
    latin_end: bool


def _concept(c: ConceptData) -> Capability:
    return Capability(
        id=c.id,
        ko=c.ko,
        en=c.en,
        fields=c.fields,
        weight=c.weight,
        synonyms_ko=c.labels["synonyms"]["ko"],
        synonyms_en=c.labels["synonyms"]["en"],
        plain_ko=c.labels["plain"]["ko"],
        plain_en=c.labels["plain"]["en"],
        hidden_ko=c.labels["hidden"]["ko"],
        hidden_en=c.labels["hidden"]["en"],
        not_alone_ko=c.labels["not_alone"]["ko"],
        not_alone_en=c.labels["not_alone"]["en"],
        scope=c.scope,
        broader=c.broader,
        related=c.related,
        sectors=c.sectors,
        scheme=c.scheme,
    )


@dataclass(slots=True)
class Vocabulary:
    """Capabilities, sectors and IoT fields, plus the compiled term matcher."""

    capabilities: tuple[Capability, ...]
    sectors: dict[str, Label]
    iot_fields: dict[str, Label]
    loanwords: bool = True
    _index: dict[str, int] = field(default_factory=dict, repr=False)
    _terms: dict[str, list[_Term]] = field(default_factory=dict, repr=False)
    _automaton: Any = field(default=None, repr=False)
    _keys: dict[str, list[_Term]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._index = {c.id: i for i, c in enumerate(self.capabilities)}
        for i, cap in enumerate(self.capabilities):
            # Stronger kinds first: a term listed twice keeps its strongest reading,
            # except that a not_alone word never triggers the concept on its own.
            for raw in (*cap.not_alone_ko, *cap.not_alone_en):
                self._add_term(raw, i, NOT_ALONE_WEIGHT, KIND_NOT_ALONE)
            for raw in (cap.ko, cap.en, *cap.synonyms_ko, *cap.synonyms_en):
                self._add_term(raw, i, 1.0, KIND_LABEL)
            for raw in (*cap.hidden_ko, *cap.hidden_en):
                self._add_term(raw, i, 1.0, KIND_HIDDEN)
            for raw in (*cap.plain_ko, *cap.plain_en):
                self._add_term(raw, i, PLAIN_TERM_WEIGHT, KIND_PLAIN)
        automaton = ahocorasick.Automaton()
        for key in self._terms:
            automaton.add_word(key, key)
        if self._terms:
            automaton.make_automaton()
        self._automaton = automaton
        self._keys = self._loanword_keys() if self.loanwords else {}

    def _add_term(self, raw: str, cap: int, weight: float, kind: int) -> None:
        word_start = raw.startswith("^")
        text = normalize(raw.lstrip("^"))
        if not text:
            return
        if kind != KIND_NOT_ALONE and " " not in text and len(text) < 4:
            weight *= SINGLE_WORD_FACTOR  # a short single word is weaker than a phrase
        variants = {text}
        if _HANGUL.search(text):
            variants.add(text.replace(" ", ""))  # 설비 고장 예측 = 설비고장예측
        for v in variants:
            latin_start = bool(_WORDCHAR.match(v[0]))
            shown = " ".join(raw.lstrip("^").split())  # as the vocabulary spells it
            term = _Term(
                cap, weight, kind, shown, word_start or latin_start, bool(_WORDCHAR.match(v[-1]))
            )
            entries = self._terms.setdefault(v, [])
            if all(e.capability != cap for e in entries):
                entries.append(term)

    def _loanword_keys(self) -> dict[str, list[_Term]]:
        """Phonetic key → terms, for single Latin words long enough to be distinctive."""
        keys: dict[str, list[_Term]] = {}
        spelled: dict[str, set[str]] = {}
        for text, entries in self._terms.items():
            if " " in text or len(text) < _LOANWORD_MIN_LATIN or not text.isalpha():
                continue
            if not text.isascii():
                continue
            key = latin_key(text)
            if len(key) < _LOANWORD_MIN_KEY:
                continue
            spelled.setdefault(key, set()).add(text)
            for e in entries:
                if e.kind in (KIND_NOT_ALONE, KIND_PLAIN):
                    continue
                term = _Term(e.capability, LOANWORD_WEIGHT, KIND_LOANWORD, text, True, False)
                bucket = keys.setdefault(key, [])
                if all(t.capability != e.capability for t in bucket):
                    bucket.append(term)
        return {k: v for k, v in keys.items() if len(spelled[k]) == 1}

    def __len__(self) -> int:
        return len(self.capabilities)

    @property
    def term_count(self) -> int:
        """Distinct normalised terms in the automaton."""
        return len(self._terms)

    def is_term(self, word: str) -> bool:
        """Whether normalised ``word`` is a term of the vocabulary (any kind, any concept)."""
        return word in self._terms

    def index(self, capability_id: str) -> int:
        return self._index[capability_id]

    def get(self, capability_id: str) -> Capability:
        return self.capabilities[self._index[capability_id]]

    def find(self, normalized: str) -> dict[int, dict[str, float]]:
        """Capability index → {matched term: weight} in already normalised text."""
        return {
            i: {e.term: e.weight for e in ev} for i, ev in self.find_evidence(normalized).items()
        }

    def find_evidence(self, normalized: str) -> dict[int, list[Evidence]]:
        """Capability index → evidence (strongest reading of each term) in normalised text.

        A concept whose only evidence is ``not_alone`` words is left out.
        """
        found: Found = {}
        self.scan(normalized, found)
        return evidence_of(found)

    def scan(self, normalized: str, found: Found, scale: float = 1.0) -> None:
        """Add the terms of ``normalized`` text to ``found`` (weights times ``scale``).

        The hot loop of fitting: one automaton pass, plain tuples, no objects per hit.
        """
        terms = self._terms
        if terms:
            size = len(normalized)
            for end, key in self._automaton.iter(normalized):
                start = end + 1 - len(key)
                after = normalized[end + 1] if end + 1 < size else " "
                for cap, weight, kind, shown, word_start, latin_end in terms[key]:
                    if word_start and start:
                        before = normalized[start - 1]
                        if (before.isascii() if latin_end else True) and before.isalnum():
                            continue
                    if latin_end and after.isascii() and after.isalnum():
                        suffix = _SUFFIX.match(normalized, end + 1)
                        allowed = _SHORT_SUFFIXES if len(key) <= 3 else _LATIN_SUFFIXES
                        if suffix is not None and suffix.group() not in allowed:
                            continue
                    keep_reading(found, cap, shown, weight * scale, kind)
        if self._keys:
            for word in _HANGUL_WORD.findall(normalized):
                stem = strip_korean_suffix(word)
                if len(stem) < _LOANWORD_MIN_SYLLABLES or _VERB_ENDING.search(stem):
                    continue
                for t in self._keys.get(hangul_key(stem), ()):
                    keep_reading(found, t.capability, t.shown, t.weight * scale, t.kind)

    def find_text(self, text: str) -> dict[int, dict[str, float]]:
        """:meth:`find` on raw text."""
        return self.find(normalize(text))

    @staticmethod
    def display_terms(terms: Mapping[str, float] | Iterable[str]) -> tuple[str, ...]:
        return _display_terms(terms)

    def strength(self, index: int, evidence: Iterable[Evidence]) -> float:
        """Strength of one concept from its evidence: best term, +0.1 per further term."""
        weights = [e.weight for e in evidence if e.kind != KIND_NOT_ALONE]
        extra = sum(1 for e in evidence if e.kind == KIND_NOT_ALONE)
        if not weights:
            return 0.0
        best = max(weights) + 0.1 * (len(weights) - 1) + 0.05 * extra
        return min(1.0, best) * self.capabilities[index].weight

    def map_text(self, text: str) -> list[CapabilityHit]:
        """Capabilities named or described in ``text``, strongest first."""
        hits = []
        for i, ev in self.find_evidence(normalize(text)).items():
            strength = self.strength(i, ev)
            shown = _display_terms(e.term for e in ev if e.kind != KIND_NOT_ALONE)
            hits.append(CapabilityHit(self.capabilities[i].id, round(strength, 4), shown))
        return sorted(hits, key=lambda h: (-h.strength, h.capability_id))

    def suggest(self, prefix: str, locale: str = "ko", limit: int = 10) -> list[Capability]:
        """Capabilities whose name or synonym starts with (then contains) ``prefix``."""
        p = normalize(prefix)
        if not p:
            return []
        starts: list[Capability] = []
        contains: list[Capability] = []
        for cap in sorted(self.capabilities, key=lambda c: c.name(locale)):
            names = [
                normalize(x)
                for x in (cap.name(locale), cap.ko, cap.en, *cap.synonyms_ko, *cap.synonyms_en)
            ]
            if any(x.startswith(p) for x in names):
                starts.append(cap)
            elif any(p in x for x in names):
                contains.append(cap)
        return (starts + contains)[:limit]


Found = dict[int, dict[str, tuple[float, int]]]
"""Capability index → {shown term: (weight, kind)} while scanning."""


def keep_reading(found: Found, cap: int, term: str, weight: float, kind: int) -> None:
    """Keep the strongest reading of a term; a real label beats a not_alone reading."""
    terms = found.get(cap)
    if terms is None:
        found[cap] = {term: (weight, kind)}
        return
    old = terms.get(term)
    if (
        old is None
        or (old[1] == KIND_NOT_ALONE and kind != KIND_NOT_ALONE)
        or (kind != KIND_NOT_ALONE and weight > old[0])
    ):
        terms[term] = (weight, kind)


def evidence_of(found: Found) -> dict[int, list[Evidence]]:
    """Evidence per concept, leaving out concepts found only through not_alone words."""
    out: dict[int, list[Evidence]] = {}
    for i, terms in found.items():
        if any(kind != KIND_NOT_ALONE for _w, kind in terms.values()):
            out[i] = [Evidence(t, w, kind) for t, (w, kind) in terms.items()]
    return out


def _display_terms(terms: Mapping[str, float] | Iterable[str]) -> tuple[str, ...]:
    """Matched words, longest first, without those inside a longer one."""
    ordered = sorted(set(terms), key=lambda t: (-len(t), t))
    kept: list[str] = []
    for t in ordered:
        compact = t.replace(" ", "")
        if not any(compact in k.replace(" ", "") for k in kept):
            kept.append(t)
    return tuple(kept)


def build_vocabulary(
    concepts: Sequence[ConceptData],
    sectors: Mapping[str, tuple[str, str]],
    iot_fields: Mapping[str, tuple[str, str]],
    *,
    loanwords: bool = True,
) -> Vocabulary:
    """A :class:`Vocabulary` from validated concept data (see :func:`load_vocabulary`)."""
    return Vocabulary(
        tuple(_concept(c) for c in concepts),
        {code: Label(code, ko, en) for code, (ko, en) in sectors.items()},
        {code: Label(code, ko, en) for code, (ko, en) in iot_fields.items()},
        loanwords=loanwords,
    )


@lru_cache(maxsize=4)
def _cached(path: str | None, loanwords: bool) -> Vocabulary:
    data = read_vocabulary(Path(path) if path else VOCABULARY_DIR)
    return build_vocabulary(data.concepts, data.sectors, data.iot_fields, loanwords=loanwords)


def load_vocabulary(
    path: str | None = None,
    extra: Sequence[Mapping[str, Any]] | None = None,
    *,
    loanwords: bool = True,
) -> Vocabulary:
    """The shipped vocabulary (or the folder at ``path``), validated; treat as read-only.

    Every ``*.json`` in the folder not starting with ``_`` is a concept file::

        {"scheme": "condition_monitoring", "title": {"ko": …, "en": …},
         "concepts": [{"id", "ko", "en", "scope", "synonyms": {"ko": [], "en": []},
                       "hidden", "plain", "not_alone", "broader", "related",
                       "sectors", "fields", "weight"}]}

    ``_scheme.json`` holds the ``sectors`` and ``iot_fields`` code lists.
    ``extra`` (staff additions, same concept shape) is merged on top: a new id
    adds a concept, a known id adds its labels to that concept and may change
    its scalar fields. Raises :class:`VocabularyError` naming the file and the
    concept for duplicate ids, blank or repeated labels, unknown sectors,
    fields or ``broader``/``related`` ids, a cycle in ``broader`` and wrong types.
    Without ``extra`` the result is cached.
    """
    if extra is None:
        return _cached(path, loanwords)
    data = read_vocabulary(Path(path) if path else VOCABULARY_DIR, extra=extra)
    return build_vocabulary(data.concepts, data.sectors, data.iot_fields, loanwords=loanwords)


_CODES = read_code_lists(VOCABULARY_DIR)
SECTORS: dict[str, Label] = {code: Label(code, ko, en) for code, (ko, en) in _CODES[0].items()}
"""The 12 sector codes of FORMAT.md with their Korean and English names."""
IOT_FIELDS: dict[str, Label] = {code: Label(code, ko, en) for code, (ko, en) in _CODES[1].items()}
"""The 4 ``iot_field`` codes with their Korean and English names."""


def map_capabilities(text: str, vocabulary: Vocabulary | None = None) -> list[str]:
    """Capability ids named or described in free ``text`` (Korean, English or mixed)."""
    return [h.capability_id for h in (vocabulary or load_vocabulary()).map_text(text)]


def suggest_capabilities(prefix: str, locale: str = "ko", limit: int = 10) -> list[Capability]:
    """Capabilities for a tag-suggestion box, matched on names and synonyms."""
    return load_vocabulary().suggest(prefix, locale, limit)


def capability_names(ids: Sequence[str], locale: str = "ko") -> list[str]:
    """Display names of capability ids in ``locale`` ("ko" or "en")."""
    vocab = load_vocabulary()
    return [vocab.get(i).name(locale) for i in ids]
