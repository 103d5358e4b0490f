"""Typed, validated forms of the JSONL records of FORMAT.md."""

from __future__ import annotations

import io
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, overload

from matching.vocabulary import IOT_FIELDS, SECTORS

__all__ = ["InputError", "NeedRecord", "RecordError", "StartupRecord", "read_jsonl"]


class RecordError(ValueError):
    """A record breaks FORMAT.md: ``field`` names the offending field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class InputError(ValueError):
    """A JSONL file cannot be used; the message names the file and line."""

    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line


def _text(d: Mapping[str, Any], key: str, *, required: bool = True) -> str:
    value = d.get(key)
    if value is None:
        if required:
            raise RecordError(key, "required field is missing")
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise RecordError(key, "must be a non-empty string")
    return value


def _str_list(d: Mapping[str, Any], key: str, *, required: bool = False) -> tuple[str, ...]:
    value = d.get(key)
    if value is None:
        if required:
            raise RecordError(key, "required field is missing")
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RecordError(key, "must be a list of strings")
    return tuple(value)


def _optional_int(d: Mapping[str, Any], key: str) -> int | None:
    value = d.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise RecordError(key, "must be an integer")
    return value


def _sector(code: str, key: str) -> str:
    if code not in SECTORS:
        raise RecordError(key, f"unknown sector {code!r} (expected one of {', '.join(SECTORS)})")
    return code


@dataclass(frozen=True, slots=True)
class StartupRecord:
    """A startup profile (FORMAT.md, startups.jsonl)."""

    id: str
    name: str
    iot_field: str
    sectors: tuple[str, ...]
    description: str
    capabilities: tuple[str, ...] = ()
    district: str = ""
    employees: int | None = None
    founded: int | None = None

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> StartupRecord:
        """Validate ``d``; raises :class:`RecordError` naming the first bad field."""
        if not isinstance(d, Mapping):
            raise RecordError("record", "must be a JSON object")
        iot_field = _text(d, "iot_field")
        if iot_field not in IOT_FIELDS:
            raise RecordError(
                "iot_field",
                f"unknown iot_field {iot_field!r} (expected one of {', '.join(IOT_FIELDS)})",
            )
        sectors = _str_list(d, "sectors", required=True)
        if not sectors:
            raise RecordError("sectors", "at least one sector is required")
        return cls(
            id=_text(d, "id"),
            name=_text(d, "name"),
            iot_field=iot_field,
            sectors=tuple(_sector(s, "sectors") for s in sectors),
            description=_text(d, "description"),
            capabilities=_str_list(d, "capabilities"),
            district=_text(d, "district", required=False),
            employees=_optional_int(d, "employees"),
            founded=_optional_int(d, "founded"),
        )

    @classmethod
    def coerce(cls, record: StartupRecord | Mapping[str, Any]) -> StartupRecord:
        return record if isinstance(record, StartupRecord) else cls.from_dict(record)


@dataclass(frozen=True, slots=True)
class NeedRecord:
    """A manufacturer's need (FORMAT.md, needs.jsonl)."""

    id: str
    manufacturer: str
    sector: str
    title: str
    description: str
    required_capabilities: tuple[str, ...] = ()
    district: str = ""
    budget_krw: int | None = None

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> NeedRecord:
        """Validate ``d``; raises :class:`RecordError` naming the first bad field."""
        if not isinstance(d, Mapping):
            raise RecordError("record", "must be a JSON object")
        return cls(
            id=_text(d, "id"),
            manufacturer=_text(d, "manufacturer"),
            sector=_sector(_text(d, "sector"), "sector"),
            title=_text(d, "title"),
            description=_text(d, "description"),
            required_capabilities=_str_list(d, "required_capabilities"),
            district=_text(d, "district", required=False),
            budget_krw=_optional_int(d, "budget_krw"),
        )

    @classmethod
    def coerce(cls, record: NeedRecord | Mapping[str, Any]) -> NeedRecord:
        return record if isinstance(record, NeedRecord) else cls.from_dict(record)


def _decode(name: str, data: bytes) -> str:
    """UTF-8 (with or without BOM), else CP949, as the web import reads (Korean Excel)."""
    for encoding in ("utf-8-sig", "cp949"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(name, 0, "cannot read file: neither UTF-8 nor CP949 text")


@overload
def read_jsonl(path: str | Path, kind: type[StartupRecord]) -> list[StartupRecord]: ...
@overload
def read_jsonl(path: str | Path, kind: type[NeedRecord]) -> list[NeedRecord]: ...
def read_jsonl(path: str | Path, kind: type[StartupRecord] | type[NeedRecord]) -> list[Any]:
    """Read and validate every record of a JSONL file.

    Raises :class:`InputError` (file and line in the message) for an unreadable
    file, a line that is not JSON, a record breaking FORMAT.md, a repeated id or
    a file with no records.
    """
    name = str(path)
    records: list[Any] = []
    seen: dict[str, int] = {}
    try:
        data_bytes = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(name, 0, f"cannot read file: {exc}") from exc
    # Lines end at \n, \r\n or \r only, as a text file reads (not at U+2028 inside a string).
    lines = list(enumerate(io.StringIO(_decode(name, data_bytes), newline=None), start=1))
    for number, line in lines:
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(name, number, f"not valid JSON ({exc.msg})") from exc
        except RecursionError as exc:
            raise InputError(name, number, "JSON nested too deeply") from exc
        try:
            record = kind.from_dict(data)
        except RecordError as exc:
            raise InputError(name, number, str(exc)) from exc
        if record.id in seen:
            raise InputError(name, number, f"id {record.id!r} repeats line {seen[record.id]}")
        seen[record.id] = number
        records.append(record)
    if not records:
        raise InputError(name, max(1, len(lines)), "file has no records")
    return records
