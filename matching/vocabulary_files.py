"""Reading and validating the vocabulary folder (``data/vocabulary/``).

Kept apart from the matcher so that a reviewer can read the rules a concept
file must follow in one place. Every error is a :class:`VocabularyError` whose
message starts with the file and, where there is one, the concept id.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from matching.text import normalize

__all__ = [
    "VOCABULARY_DIR",
    "ConceptData",
    "VocabularyData",
    "VocabularyError",
    "read_code_lists",
    "read_vocabulary",
]

VOCABULARY_DIR = Path(__file__).with_name("data") / "vocabulary"
SCHEME_FILE = "_scheme.json"
LABEL_KINDS = ("synonyms", "hidden", "plain", "not_alone")
LANGS = ("ko", "en")
WEIGHT_RANGE = (0.3, 1.0)
EXTRA_SOURCE = "<extra>"

_ID = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)*$")
_FILE_KEYS = frozenset({"scheme", "title", "concepts", "note", "version"})
_CONCEPT_KEYS = frozenset(
    {"id", "ko", "en", "scope", *LABEL_KINDS, "broader", "related", "sectors", "fields", "weight"}
)

Labels = dict[str, dict[str, tuple[str, ...]]]


class VocabularyError(ValueError):
    """A vocabulary file breaks the schema; the message names the file and concept."""

    def __init__(self, source: str, concept: str | None, message: str) -> None:
        where = f"{source}: {concept}" if concept else source
        super().__init__(f"{where}: {message}")
        self.source = source
        self.concept = concept


@dataclass(frozen=True, slots=True)
class ConceptData:
    """One validated concept, as read from its file."""

    id: str
    ko: str
    en: str
    scope: str
    labels: Labels
    broader: str | None
    related: tuple[str, ...]
    sectors: tuple[str, ...]
    fields: tuple[str, ...]
    weight: float
    scheme: str
    source: str


@dataclass(frozen=True, slots=True)
class VocabularyData:
    """The whole folder: concepts in file order, and the code lists."""

    concepts: tuple[ConceptData, ...]
    sectors: dict[str, tuple[str, str]]
    iot_fields: dict[str, tuple[str, str]]


def _fail(source: str, concept: str | None, message: str) -> VocabularyError:
    return VocabularyError(source, concept, message)


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(path.name, None, f"cannot read file: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise _fail(path.name, None, f"not valid JSON (line {exc.lineno}: {exc.msg})") from exc


def _code_list(data: Any, key: str, source: str) -> dict[str, tuple[str, str]]:
    rows = data.get(key) if isinstance(data, dict) else None
    if not isinstance(rows, list) or not rows:
        raise _fail(source, None, f"{key!r} must be a non-empty list")
    out: dict[str, tuple[str, str]] = {}
    for row in rows:
        if not isinstance(row, dict) or not all(
            isinstance(row.get(k), str) and row[k].strip() for k in ("code", "ko", "en")
        ):
            raise _fail(source, None, f"each of {key!r} needs non-empty code, ko and en")
        if row["code"] in out:
            raise _fail(source, None, f"{key!r} repeats code {row['code']!r}")
        out[row["code"]] = (row["ko"], row["en"])
    return out


def _text(c: Mapping[str, Any], key: str, source: str, cid: str) -> str:
    value = c.get(key)
    if not isinstance(value, str) or not value.strip():
        raise _fail(source, cid, f"{key!r} must be a non-empty string")
    return value.strip()


def _strings(value: Any, what: str, source: str, cid: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(source, cid, f"{what} must be a list of strings")
    for v in value:
        if not normalize(v.lstrip("^")):
            raise _fail(source, cid, f"{what} has an empty or blank label {v!r}")
    return tuple(value)


def _labels(c: Mapping[str, Any], source: str, cid: str) -> Labels:
    labels: Labels = {}
    for kind in LABEL_KINDS:
        value = c.get(kind)
        if value is None:
            value = {}
        if not isinstance(value, dict) or set(value) - set(LANGS):
            raise _fail(source, cid, f"{kind!r} must be an object with 'ko' and/or 'en' lists")
        labels[kind] = {
            lang: _strings(value.get(lang), f"{kind}.{lang}", source, cid) for lang in LANGS
        }
    return labels


def _check_duplicates(cid: str, ko: str, en: str, labels: Labels, source: str) -> None:
    """No label twice within a concept and language (compared normalised, ``^`` ignored).

    The same acronym may appear in both languages (OEE, PLC); ``not_alone`` words
    are checked among themselves, since a word may be both a weak label elsewhere
    and a trigger that must not fire alone here.
    """
    for lang, pref in (("ko", ko), ("en", en)):
        seen: dict[str, str] = {normalize(pref.lstrip("^")): lang}
        for kind in LABEL_KINDS:
            if kind == "not_alone":
                continue
            for raw in labels[kind][lang]:
                key = normalize(raw.lstrip("^"))
                if key in seen:
                    raise _fail(source, cid, f"label {raw!r} in {kind}.{lang} repeats {seen[key]}")
                seen[key] = f"{kind}.{lang}"
        alone: set[str] = set()
        for raw in labels["not_alone"][lang]:
            key = normalize(raw.lstrip("^"))
            if key in alone:
                raise _fail(source, cid, f"not_alone.{lang} repeats {raw!r}")
            alone.add(key)


def _weight(c: Mapping[str, Any], source: str, cid: str) -> float:
    w = c.get("weight", 1.0)
    if isinstance(w, bool) or not isinstance(w, int | float):
        raise _fail(source, cid, "'weight' must be a number")
    if not WEIGHT_RANGE[0] <= w <= WEIGHT_RANGE[1]:
        raise _fail(
            source, cid, f"'weight' must be in {WEIGHT_RANGE[0]}–{WEIGHT_RANGE[1]}, got {w}"
        )
    return float(w)


def _codes(
    c: Mapping[str, Any], key: str, known: Mapping[str, Any], source: str, cid: str
) -> tuple[str, ...]:
    codes = _strings(c.get(key), repr(key), source, cid)
    for code in codes:
        if code not in known:
            raise _fail(source, cid, f"unknown {key[:-1]} {code!r}")
    return codes


def parse_concept(
    c: Any,
    scheme: str,
    source: str,
    sectors: Mapping[str, Any],
    fields: Mapping[str, Any],
) -> ConceptData:
    """Validate one concept object (links to other ids are checked later)."""
    if not isinstance(c, dict):
        raise _fail(source, None, "each concept must be a JSON object")
    cid = c.get("id")
    if not isinstance(cid, str) or not _ID.match(cid):
        raise _fail(source, repr(cid), "'id' must be a snake_case string")
    unknown = set(c) - _CONCEPT_KEYS
    if unknown:
        raise _fail(source, cid, f"unknown keys: {', '.join(sorted(unknown))}")
    ko, en = _text(c, "ko", source, cid), _text(c, "en", source, cid)
    labels = _labels(c, source, cid)
    _check_duplicates(cid, ko, en, labels, source)
    broader = c.get("broader")
    if broader is not None and (not isinstance(broader, str) or not broader):
        raise _fail(source, cid, "'broader' must be a concept id or null")
    field_codes = _codes(c, "fields", fields, source, cid)
    if not field_codes:
        raise _fail(source, cid, "'fields' must name at least one iot_field")
    return ConceptData(
        id=cid,
        ko=ko,
        en=en,
        scope=_text(c, "scope", source, cid),
        labels=labels,
        broader=broader,
        related=_strings(c.get("related"), "'related'", source, cid),
        sectors=_codes(c, "sectors", sectors, source, cid),
        fields=field_codes,
        weight=_weight(c, source, cid),
        scheme=scheme,
        source=source,
    )


def _read_file(
    path: Path, sectors: Mapping[str, Any], fields: Mapping[str, Any]
) -> list[ConceptData]:
    data = _read_json(path)
    source = path.name
    if not isinstance(data, dict):
        raise _fail(source, None, "must be a JSON object with 'scheme' and 'concepts'")
    unknown = set(data) - _FILE_KEYS
    if unknown:
        raise _fail(source, None, f"unknown keys: {', '.join(sorted(unknown))}")
    scheme = data.get("scheme")
    if not isinstance(scheme, str) or not scheme.strip():
        raise _fail(source, None, "'scheme' must be a non-empty string")
    title = data.get("title")
    if not isinstance(title, dict) or not all(isinstance(title.get(k), str) for k in LANGS):
        raise _fail(source, None, "'title' must have 'ko' and 'en' strings")
    concepts = data.get("concepts")
    if not isinstance(concepts, list):
        raise _fail(source, None, "'concepts' must be a list")
    return [parse_concept(c, scheme, source, sectors, fields) for c in concepts]


def _merge(base: ConceptData, extra: Mapping[str, Any], parsed: ConceptData) -> ConceptData:
    """``base`` with the labels of a staff addition appended and its scalars applied."""
    labels: Labels = {
        kind: {lang: base.labels[kind][lang] + parsed.labels[kind][lang] for lang in LANGS}
        for kind in LABEL_KINDS
    }
    return ConceptData(
        id=base.id,
        ko=parsed.ko if "ko" in extra else base.ko,
        en=parsed.en if "en" in extra else base.en,
        scope=parsed.scope if "scope" in extra else base.scope,
        labels=labels,
        broader=parsed.broader if "broader" in extra else base.broader,
        related=tuple(dict.fromkeys(base.related + parsed.related)),
        sectors=parsed.sectors if "sectors" in extra else base.sectors,
        fields=parsed.fields if "fields" in extra else base.fields,
        weight=parsed.weight if "weight" in extra else base.weight,
        scheme=base.scheme,
        source=EXTRA_SOURCE,
    )


def _apply_extra(
    concepts: dict[str, ConceptData],
    extra: Sequence[Mapping[str, Any]],
    sectors: Mapping[str, Any],
    fields: Mapping[str, Any],
) -> None:
    for i, c in enumerate(extra):
        source = f"{EXTRA_SOURCE}[{i}]"
        cid = c.get("id") if isinstance(c, Mapping) else None
        if isinstance(cid, str) and cid in concepts:
            base = concepts[cid]
            # A partial entry: fill what it leaves out from the concept it extends.
            filled = {
                "ko": base.ko,
                "en": base.en,
                "scope": base.scope,
                "fields": list(base.fields),
                **{k: v for k, v in c.items() if k not in LABEL_KINDS and k != "related"},
                **{k: c[k] for k in (*LABEL_KINDS, "related") if k in c},
            }
            parsed = parse_concept(filled, base.scheme, source, sectors, fields)
            merged = _merge(base, c, parsed)
            _check_duplicates(cid, merged.ko, merged.en, merged.labels, source)
            concepts[cid] = merged
        else:
            parsed = parse_concept(c, "extra", source, sectors, fields)
            concepts[parsed.id] = parsed


def _check_links(concepts: Mapping[str, ConceptData]) -> None:
    for c in concepts.values():
        for target in ((c.broader,) if c.broader else ()) + c.related:
            if target not in concepts:
                raise _fail(c.source, c.id, f"links to unknown concept {target!r}")
        if c.broader == c.id or c.id in c.related:
            raise _fail(c.source, c.id, "links to itself")
    for c in concepts.values():
        seen = [c.id]
        node = c
        while node.broader is not None:
            if node.broader in seen:
                chain = " → ".join([*seen, node.broader])
                raise _fail(c.source, c.id, f"cycle in 'broader': {chain}")
            seen.append(node.broader)
            node = concepts[node.broader]


def read_code_lists(
    folder: Path,
) -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]]]:
    """Sector and iot_field codes → (ko, en) from the folder's ``_scheme.json``."""
    scheme = _read_json(folder / SCHEME_FILE)
    return _code_list(scheme, "sectors", SCHEME_FILE), _code_list(scheme, "iot_fields", SCHEME_FILE)


def read_vocabulary(
    folder: Path, extra: Sequence[Mapping[str, Any]] | None = None
) -> VocabularyData:
    """Read and validate every concept file of ``folder`` (see ``load_vocabulary``)."""
    if not folder.is_dir():
        raise _fail(str(folder), None, "vocabulary folder not found")
    sectors, fields = read_code_lists(folder)
    concepts: dict[str, ConceptData] = {}
    for path in sorted(folder.glob("*.json")):
        if path.name.startswith("_"):
            continue
        for c in _read_file(path, sectors, fields):
            if c.id in concepts:
                first = concepts[c.id].source
                raise _fail(c.source, c.id, f"duplicate id (first defined in {first})")
            concepts[c.id] = c
    if extra:
        _apply_extra(concepts, extra, sectors, fields)
    _check_links(concepts)
    return VocabularyData(tuple(concepts.values()), sectors, fields)
