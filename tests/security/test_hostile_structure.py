"""Matrix row 43: hostile structure (issue 13, item 7).

A JSONL line nested 50,000 deep gets a clear error in the staff import (a
refused line, not a 500) and in ``python -m matching rank`` (``error:
FILE:LINE: …`` on stderr, exit 2, nothing on stdout). The CLI reads UTF-8 with
a BOM and CP949 files, as the web import does. (The API's side is in
``test_input_every_door.py``.)
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from tests import factories

REPO_ROOT = Path(__file__).resolve().parents[2]
DEEP = "[" * 50_000 + "]" * 50_000

STARTUPS = [
    {
        "id": "s-1",
        "name": "진동랩",
        "iot_field": "service",
        "sectors": ["metal_processing"],
        "description": "진동 센서로 프레스 고장을 예측합니다.",
    },
    {
        "id": "s-2",
        "name": "비전랩",
        "iot_field": "device",
        "sectors": ["metal_processing"],
        "description": "카메라로 용접 불량을 찾습니다.",
    },
]
NEEDS = [
    {
        "id": "n-1",
        "manufacturer": "문래정밀",
        "sector": "metal_processing",
        "title": "프레스 고장 예측",
        "description": "프레스가 갑자기 멈춥니다. 진동으로 미리 알고 싶습니다.",
    }
]


def _lines(rows: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def _rank(startups: Path, needs: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            *(sys.executable, "-m", "matching", "rank"),
            *("--startups", str(startups), "--needs", str(needs), "--top", "2"),
        ],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        timeout=120,
        check=False,
    )


def test_row43_cli_deep_json_is_error_file_line_and_exit_2(tmp_path: Path) -> None:
    startups = tmp_path / "startups.jsonl"
    startups.write_text(_lines(STARTUPS) + '{"id": "s-3", "description": ' + DEEP + "}\n")
    needs = tmp_path / "needs.jsonl"
    needs.write_text(_lines(NEEDS), encoding="utf-8")
    proc = _rank(startups, needs)
    assert proc.returncode == 2, proc.stderr[-500:]
    assert proc.stdout == ""
    assert proc.stderr.startswith(f"error: {startups}:3: ")
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp949"])
def test_row43_cli_reads_utf8_with_bom_and_cp949(tmp_path: Path, encoding: str) -> None:
    startups = tmp_path / "startups.jsonl"
    startups.write_bytes(_lines(STARTUPS).encode(encoding))
    needs = tmp_path / "needs.jsonl"
    needs.write_bytes(_lines(NEEDS).encode(encoding))
    proc = _rank(startups, needs)
    assert proc.returncode == 0, proc.stderr
    ranking = json.loads(proc.stdout.splitlines()[0])
    assert ranking["need_id"] == "n-1"
    assert ranking["matches"][0]["startup_id"] == "s-1"


def test_row43_staff_import_deep_json_is_a_refused_line(app: Flask, login_as: Any) -> None:
    client = login_as(factories.make_staff(locale="en"))
    line = '{"name": "깊은 회사", "description": ' + DEEP + "}\n"
    response = client.post(
        "/staff/import?lang=en",
        data={"kind": "startup", "file": (io.BytesIO(line.encode()), "deep.jsonl")},
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert "nested too deeply" in body
    assert "1 refused" in body
