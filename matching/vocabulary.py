"""The bilingual capability vocabulary and the text → capability mapping.

``data/capabilities.json`` lists canonical Industrial-Internet capabilities,
each with a Korean and an English name, synonyms in both languages and the
plain shop-floor words for the same problem (symptoms and verbs). Text on both
sides of a match is mapped onto these ids, so a Korean need written in plain
words meets an English profile written in vendor words.

Matching runs on :func:`matching.text.normalize` output with one trie-shaped
regular expression (linear in the text, independent of the vocabulary size).
Korean terms match anywhere (particles and compounds follow them); a Korean
term written with a leading ``^`` must start a word (``^새는`` for 새다, so
새로운 does not match). Latin terms must start a word and may carry a short
inflection (leak → leaks, leaking).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from matching.text import normalize

__all__ = [
    "IOT_FIELDS",
    "SECTORS",
    "Capability",
    "CapabilityHit",
    "Label",
    "Vocabulary",
    "capability_names",
    "load_vocabulary",
    "map_capabilities",
    "suggest_capabilities",
]

_DATA_FILE = Path(__file__).with_name("data") / "capabilities.json"

PLAIN_TERM_WEIGHT = 0.7
"""Plain shop-floor words are more ambiguous than vendor terms."""

# Inflections a Latin term may carry (leak → leaks, leaking); short terms
# (ai, bi, mes) only a plural, so "aid" is not AI.
_LATIN_SUFFIXES = frozenset({"", "s", "es", "ed", "d", "ing"})
_SHORT_SUFFIXES = frozenset({"", "s"})
_WORDCHAR = re.compile(r"[a-z0-9]")
_SUFFIX = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True, slots=True)
class Label:
    """A code with its Korean and English display names."""

    code: str
    ko: str
    en: str


@dataclass(frozen=True, slots=True)
class Capability:
    """One canonical capability and the words that name it."""

    id: str
    ko: str
    en: str
    fields: tuple[str, ...]
    weight: float
    synonyms_ko: tuple[str, ...] = ()
    synonyms_en: tuple[str, ...] = ()
    plain_ko: tuple[str, ...] = ()
    plain_en: tuple[str, ...] = ()

    def name(self, locale: str = "ko") -> str:
        return self.en if locale.startswith("en") else self.ko


@dataclass(frozen=True, slots=True)
class CapabilityHit:
    """A capability found in a text, with the strength and the words that matched."""

    capability_id: str
    strength: float
    terms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Term:
    capability: int
    weight: float
    word_start: bool
    latin_end: bool


@dataclass(slots=True)
class Vocabulary:
    """Capabilities, sectors and IoT fields, plus the compiled term matcher."""

    capabilities: tuple[Capability, ...]
    sectors: dict[str, Label]
    iot_fields: dict[str, Label]
    _index: dict[str, int] = field(default_factory=dict, repr=False)
    _terms: dict[str, list[_Term]] = field(default_factory=dict, repr=False)
    _pattern: re.Pattern[str] | None = field(default=None, repr=False)
    _inner: dict[str, tuple[tuple[int, str], ...]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._index = {c.id: i for i, c in enumerate(self.capabilities)}
        for i, cap in enumerate(self.capabilities):
            named = (cap.ko, cap.en, *cap.synonyms_ko, *cap.synonyms_en)
            for raw in named:
                self._add_term(raw, i, 1.0)
            for raw in (*cap.plain_ko, *cap.plain_en):
                self._add_term(raw, i, PLAIN_TERM_WEIGHT)
        self._pattern = re.compile(_trie_regex(sorted(self._terms)))
        self._inner = _inner_matches(self._terms)

    def _add_term(self, raw: str, cap: int, weight: float) -> None:
        word_start = raw.startswith("^")
        text = normalize(raw.lstrip("^"))
        if not text:
            return
        variants = {text}
        if re.search(r"[가-힣]", text):
            variants.add(text.replace(" ", ""))  # 설비 고장 예측 = 설비고장예측
        for v in variants:
            latin_start = bool(_WORDCHAR.match(v[0]))
            term = _Term(cap, weight, word_start or latin_start, bool(_WORDCHAR.match(v[-1])))
            entries = self._terms.setdefault(v, [])
            if all(e.capability != cap for e in entries):
                entries.append(term)

    def __len__(self) -> int:
        return len(self.capabilities)

    def index(self, capability_id: str) -> int:
        return self._index[capability_id]

    def get(self, capability_id: str) -> Capability:
        return self.capabilities[self._index[capability_id]]

    def find(self, normalized: str) -> dict[int, dict[str, float]]:
        """Capability index → {matched term: weight} in already normalised text."""
        found: dict[int, dict[str, float]] = {}
        assert self._pattern is not None  # noqa: S101 - set in __post_init__
        match = self._pattern.match
        for m in self._pattern.finditer(normalized):
            # finditer returns non-overlapping matches; the terms starting inside
            # a match are known from the term itself (or, where one could run past
            # its end, matched there), which together gives the longest term
            # starting at every position.
            start = m.start()
            term = m.group()
            self._record(normalized, start, term, found)
            for offset, inner in self._inner[term]:
                if not inner:
                    again = match(normalized, start + offset)
                    if again is None:
                        continue
                    inner = again.group()
                self._record(normalized, start + offset, inner, found)
        return found

    def find_text(self, text: str) -> dict[int, dict[str, float]]:
        """:meth:`find` on raw text."""
        return self.find(normalize(text))

    @staticmethod
    def display_terms(terms: dict[str, float]) -> tuple[str, ...]:
        return _display_terms(terms)

    def _record(
        self, normalized: str, start: int, term: str, found: dict[int, dict[str, float]]
    ) -> None:
        end = start + len(term)
        shown = ""
        for t in self._terms[term]:
            if t.word_start and start:
                before = normalized[start - 1]
                if _WORDCHAR.match(before) if t.latin_end else before.isalnum():
                    continue
            if t.latin_end:
                suffix = _SUFFIX.match(normalized, end)
                allowed = _SHORT_SUFFIXES if len(term) <= 3 else _LATIN_SUFFIXES
                if suffix is not None and suffix.group() not in allowed:
                    continue
            if not shown:
                # Show the whole word that matched (멈 → 멈춥니다, leak → leaks).
                word_end = normalized.find(" ", end)
                shown = normalized[start:] if word_end < 0 else normalized[start:word_end]
            hits = found.setdefault(t.capability, {})
            if hits.get(shown, 0.0) < t.weight:
                hits[shown] = t.weight

    def map_text(self, text: str) -> list[CapabilityHit]:
        """Capabilities named or described in ``text``, strongest first."""
        hits = []
        for i, terms in self.find(normalize(text)).items():
            cap = self.capabilities[i]
            strength = min(1.0, max(terms.values()) + 0.1 * (len(terms) - 1)) * cap.weight
            hits.append(CapabilityHit(cap.id, round(strength, 4), _display_terms(terms)))
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


def _inner_matches(terms: dict[str, Any]) -> dict[str, tuple[tuple[int, str], ...]]:
    """Per term: (offset, longest term starting there); "" when it depends on what follows."""
    extendable = {t[:i] for t in terms for i in range(1, len(t))}
    out: dict[str, tuple[tuple[int, str], ...]] = {}
    for term in terms:
        inner: list[tuple[int, str]] = []
        for offset in range(1, len(term)):
            rest = term[offset:]
            if rest in extendable:
                inner.append((offset, ""))
                continue
            longest = next((rest[:j] for j in range(len(rest), 0, -1) if rest[:j] in terms), "")
            if longest:
                inner.append((offset, longest))
        out[term] = tuple(inner)
    return out


def _display_terms(terms: dict[str, float]) -> tuple[str, ...]:
    """Matched words, longest first, without those inside a longer one."""
    ordered = sorted(terms, key=lambda t: (-len(t), t))
    kept: list[str] = []
    for t in ordered:
        compact = t.replace(" ", "")
        if not any(compact in k.replace(" ", "") for k in kept):
            kept.append(t)
    return tuple(kept)


def _trie_regex(words: Iterable[str]) -> str:
    """One regex matching any of ``words``, longest alternative first."""
    trie: dict[str, dict] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        end = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end:
            return "(?:" + body + ")?"
        return body

    return build(trie)


def _load(path: Path | None) -> Vocabulary:
    data = json.loads((path or _DATA_FILE).read_text("utf-8"))
    caps = tuple(
        Capability(
            id=c["id"],
            ko=c["ko"],
            en=c["en"],
            fields=tuple(c.get("fields", ())),
            weight=float(c.get("weight", 1.0)),
            synonyms_ko=tuple(c.get("synonyms", {}).get("ko", ())),
            synonyms_en=tuple(c.get("synonyms", {}).get("en", ())),
            plain_ko=tuple(c.get("plain", {}).get("ko", ())),
            plain_en=tuple(c.get("plain", {}).get("en", ())),
        )
        for c in data["capabilities"]
    )
    sectors = {s["code"]: Label(s["code"], s["ko"], s["en"]) for s in data["sectors"]}
    fields = {s["code"]: Label(s["code"], s["ko"], s["en"]) for s in data["iot_fields"]}
    return Vocabulary(caps, sectors, fields)


@lru_cache(maxsize=4)
def load_vocabulary(path: str | None = None) -> Vocabulary:
    """The shipped vocabulary (or one read from ``path``); cached, treat as read-only."""
    return _load(Path(path) if path else None)


SECTORS: dict[str, Label] = load_vocabulary().sectors
"""The 12 sector codes of FORMAT.md with their Korean and English names."""
IOT_FIELDS: dict[str, Label] = load_vocabulary().iot_fields
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
