"""Ranking quality on the hand-labelled sets, each written by a different author."""

from __future__ import annotations

import pytest

from matching import MatchingEngine
from matching.evaluation import evaluate, load_qrels

# Floors a little under the figures in matching/README.md, so a regression fails.
FLOORS = {"dev": (0.90, 0.95), "dev2": (0.78, 0.85)}


def _metrics(set_reader, name: str, **engine: bool) -> dict[str, float]:
    startups, needs, folder = set_reader(name)
    rankings = MatchingEngine(**engine).fit(startups).rank(needs, top_k=10)
    runs = {r.need_id: [m.startup_id for m in r.matches] for r in rankings}
    return evaluate(runs, load_qrels(folder / "qrels.jsonl"))


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_quality_floor(set_reader, name: str) -> None:
    ndcg, mrr = FLOORS[name]
    metrics = _metrics(set_reader, name)
    assert metrics["ndcg@5"] >= ndcg, metrics
    assert metrics["mrr"] >= mrr, metrics


def test_the_bridges_help_on_the_other_authors_set(set_reader) -> None:
    full = _metrics(set_reader, "dev2")["ndcg@5"]
    assert full > _metrics(set_reader, "dev2", use_glossary=False)["ndcg@5"]
    assert full > _metrics(set_reader, "dev2", use_vocabulary=False)["ndcg@5"] + 0.1
