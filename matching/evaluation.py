"""Ranking quality: NDCG@5, NDCG@10, MRR and Recall@10 as in data/dev/score.py."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from pathlib import Path

__all__ = ["evaluate", "load_qrels"]


def load_qrels(path: str | Path) -> dict[str, dict[str, int]]:
    """need id → {startup id: relevance} from a qrels.jsonl file."""
    qrels: dict[str, dict[str, int]] = {}
    with Path(path).open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                qrels.setdefault(r["need_id"], {})[r["startup_id"]] = int(r["relevance"])
    return qrels


def _dcg(rels: Sequence[int], k: int) -> float:
    return float(sum((2**rel - 1) / math.log2(i + 2) for i, rel in enumerate(rels[:k])))


def _ndcg(ranked: Sequence[str], labels: Mapping[str, int], k: int) -> float:
    ideal = _dcg(sorted(labels.values(), reverse=True), k)
    return _dcg([labels.get(s, 0) for s in ranked], k) / ideal if ideal > 0 else 0.0


def _rr(ranked: Sequence[str], labels: Mapping[str, int]) -> float:
    for i, s in enumerate(ranked):
        if labels.get(s, 0) >= 1:
            return 1.0 / (i + 1)
    return 0.0


def _recall(ranked: Sequence[str], labels: Mapping[str, int], k: int) -> float:
    rel = {s for s, r in labels.items() if r >= 1}
    return len(rel & set(ranked[:k])) / len(rel) if rel else 0.0


def evaluate(
    runs: Mapping[str, Sequence[str]], qrels: Mapping[str, Mapping[str, int]]
) -> dict[str, float]:
    """Metrics averaged over every need in ``qrels`` (a need missing from ``runs`` scores 0)."""
    tot = {"ndcg@5": 0.0, "ndcg@10": 0.0, "mrr": 0.0, "recall@10": 0.0}
    for need, labels in qrels.items():
        ranked = list(dict.fromkeys(runs.get(need, [])))
        tot["ndcg@5"] += _ndcg(ranked, labels, 5)
        tot["ndcg@10"] += _ndcg(ranked, labels, 10)
        tot["mrr"] += _rr(ranked, labels)
        tot["recall@10"] += _recall(ranked, labels, 10)
    n = len(qrels)
    return {k: v / n for k, v in tot.items()} if n else tot
