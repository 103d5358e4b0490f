"""``python -m matching``: output format, bad input, exit status."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]


def _write(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


def _run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "matching", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        env=env,
        timeout=120,
        check=False,
    )


@pytest.fixture
def files(tmp_path: Path, small_corpus) -> tuple[Path, Path]:
    startups, needs = small_corpus
    return _write(tmp_path / "s.jsonl", startups), _write(tmp_path / "n.jsonl", needs)


def test_rank_writes_matches_jsonl(files, tmp_path: Path) -> None:
    s, n = files
    policy = tmp_path / "p.json"
    policy.write_text(json.dumps({"weight_text": 0.5, "priority_boost": 0.2}), "utf-8")
    proc = _run(
        "rank", "--startups", s, "--needs", n, "--top", "2", "--policy", policy, "--lang", "en"
    )
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(x) for x in proc.stdout.splitlines()]
    assert [x["need_id"] for x in lines] == ["n-pm", "n-leak", "n-vision", "n-net"]
    first = lines[1]["matches"][0]
    assert first["startup_id"] == "s-leak" and 0 < first["score"] <= 1 and first["reasons"]
    assert all(len(x["matches"]) <= 2 for x in lines)


def test_rank_needs_direction(files) -> None:
    s, n = files
    proc = _run("rank", "--startups", s, "--needs", n, "--top", "1", "--direction", "needs")
    assert proc.returncode == 0, proc.stderr
    lines = {x["startup_id"]: x["matches"] for x in map(json.loads, proc.stdout.splitlines())}
    assert lines["s-leak"][0]["need_id"] == "n-leak"


BAD_CASES = {
    "not_json": ("s", '{"id": "s-1", "name": "a"\n', 1, "not valid JSON"),
    "missing_field": (
        "s",
        '{"id": "s-1", "name": "a", "iot_field": "service", "sectors": ["food_consumer"]}\n',
        1,
        "description",
    ),
    "unknown_sector": (
        "n",
        '{"id": "n-1", "manufacturer": "m", "sector": "food_consumer", "title": "t", '
        '"description": "d"}\n{"id": "n-2", "manufacturer": "m", "sector": "spaceships", '
        '"title": "t", "description": "d"}\n',
        2,
        "spaceships",
    ),
    "unknown_iot_field": (
        "s",
        '{"id": "s-1", "name": "a", "iot_field": "magic", "sectors": ["food_consumer"], '
        '"description": "d"}\n',
        1,
        "iot_field",
    ),
    "empty_file": ("n", "", 1, "no records"),
}


@pytest.mark.parametrize("case", sorted(BAD_CASES))
def test_bad_input_exits_2_naming_file_and_line(files, tmp_path: Path, case: str) -> None:
    which, content, line, words = BAD_CASES[case]
    s, n = files
    bad = tmp_path / f"bad_{case}.jsonl"
    bad.write_text(content, "utf-8")
    args = ("--startups", bad, "--needs", n) if which == "s" else ("--startups", s, "--needs", bad)
    proc = _run("rank", *args)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert f"{bad}:{line}:" in proc.stderr
    assert words in proc.stderr


def test_evaluate_ends_with_the_summary_line(files, tmp_path: Path) -> None:
    s, n = files
    qrels = _write(
        tmp_path / "q.jsonl", [{"need_id": "n-leak", "startup_id": "s-leak", "relevance": 2}]
    )
    proc = _run("evaluate", "--startups", s, "--needs", n, "--qrels", qrels)
    assert proc.returncode == 0, proc.stderr
    last = proc.stdout.strip().splitlines()[-1]
    assert last.startswith("ndcg@5=") and " mrr=" in last
    assert "recall@10=" in proc.stdout and "ndcg@10=" in proc.stdout


def test_bench_runs_small(capsys) -> None:
    from matching.cli import main

    assert main(["bench", "--sizes", "200", "--needs", "20", "--no-baseline"]) == 0
    out = capsys.readouterr().out
    assert "n=200: fit" in out and "query p50" in out
