"""Reading the demo's data files and handing records to the staff importer's checks."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from app.services import imports

DATA = Path(__file__).with_name("data")


def read_jsonl(name: str) -> list[dict[str, Any]]:
    """The records of ``data/<name>`` (JSON Lines, UTF-8), in file order."""
    text = (DATA / name).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def read_json(name: str) -> Any:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def plan(records: Iterable[dict[str, Any]], kind: str) -> imports.ImportPlan:
    """The importer's dry run over ``records``, as for an uploaded file of that ``kind``.

    Raises ``ValueError`` naming the first refused line: demo data that the importer
    would refuse is a bug in the data, never something to load anyway.
    """
    lines = [imports.Line(number, record) for number, record in enumerate(records, start=1)]
    result = imports.plan_import(lines, kind)
    for item in result.refused:
        reasons = "; ".join(f"{r.field}: {r.reason}" for r in item.refusals)
        raise ValueError(f"{kind} record {item.line} ({item.name}) refused: {reasons}")
    return result
