"""Ranking quality floor on the hand-labelled dev set."""

from __future__ import annotations

from matching import MatchingEngine
from matching.evaluation import evaluate, load_qrels

NDCG5_FLOOR = 0.80


def test_dev_set_quality_floor(dev_set) -> None:
    startups, needs, folder = dev_set
    rankings = MatchingEngine().fit(startups).rank(needs, top_k=10)
    runs = {r.need_id: [m.startup_id for m in r.matches] for r in rankings}
    metrics = evaluate(runs, load_qrels(folder / "qrels.jsonl"))
    assert metrics["ndcg@5"] >= NDCG5_FLOOR, metrics
    assert metrics["mrr"] >= 0.85, metrics
