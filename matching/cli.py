"""``python -m matching``: rank, evaluate, bench.

Input is read and validated completely before anything is written, so a bad
file ends with a message naming the file and line on stderr, exit status 2
and an empty stdout.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import TextIO

from matching.engine import MatchingEngine
from matching.evaluation import evaluate, load_qrels
from matching.policy import Policy
from matching.records import InputError, NeedRecord, StartupRecord, read_jsonl

__all__ = ["main"]

EXIT_INPUT = 2


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m matching", description="Startup ↔ need matching engine."
    )
    sub = p.add_subparsers(dest="command", required=True)

    rank = sub.add_parser("rank", help="write matches.jsonl (FORMAT.md) to stdout")
    rank.add_argument("--startups", required=True, help="startups.jsonl")
    rank.add_argument("--needs", required=True, help="needs.jsonl")
    rank.add_argument("--top", type=int, default=10, help="matches per need (default 10)")
    rank.add_argument("--policy", help="policy JSON file (Policy.to_json)")
    rank.add_argument(
        "--direction",
        choices=("startups", "needs"),
        default="startups",
        help="startups for each need (default) or needs for each startup",
    )
    rank.add_argument(
        "--lang", choices=("ko", "en", "both"), default="both", help="language of reasons"
    )

    ev = sub.add_parser("evaluate", help="NDCG@5, NDCG@10, MRR, Recall@10 against qrels")
    ev.add_argument("--startups", required=True)
    ev.add_argument("--needs", required=True)
    ev.add_argument("--qrels", required=True)
    ev.add_argument("--policy")

    bench = sub.add_parser("bench", help="speed and memory on a synthetic corpus")
    bench.add_argument("--sizes", default="1000,10000,100000", help="comma-separated corpus sizes")
    bench.add_argument("--needs", type=int, default=1000, help="needs in the batch (default 1000)")
    bench.add_argument("--seed", type=int, default=20240601)
    bench.add_argument(
        "--no-baseline", action="store_true", help="skip the end-to-end baseline comparison"
    )
    return p


def _load_policy(path: str | None) -> Policy:
    if not path:
        return Policy()
    try:
        return Policy.load(path)
    except (OSError, ValueError, TypeError) as exc:
        raise InputError(path, 1, f"invalid policy: {exc}") from exc


def _rank(args: argparse.Namespace, out: TextIO) -> int:
    policy = _load_policy(args.policy)
    startups = read_jsonl(args.startups, StartupRecord)
    needs = read_jsonl(args.needs, NeedRecord)
    if args.top < 1:
        raise InputError("--top", 0, "must be at least 1")
    engine = MatchingEngine(policy).fit(startups)
    if args.direction == "startups":
        rankings = [r.to_dict(args.lang) for r in engine.rank(needs, top_k=args.top)]
    else:
        rankings = [
            r.to_dict(args.lang) for r in engine.rank_needs(startups, needs, top_k=args.top)
        ]
    out.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rankings))
    return 0


def _evaluate(args: argparse.Namespace, out: TextIO) -> int:
    policy = _load_policy(args.policy)
    startups = read_jsonl(args.startups, StartupRecord)
    needs = read_jsonl(args.needs, NeedRecord)
    try:
        qrels = load_qrels(args.qrels)
    except (OSError, ValueError, KeyError) as exc:
        raise InputError(args.qrels, 0, f"cannot read qrels: {exc}") from exc
    rankings = MatchingEngine(policy).fit(startups).rank(needs, top_k=10)
    res = evaluate({r.need_id: [m.startup_id for m in r.matches] for r in rankings}, qrels)
    lines = [
        f"needs={len(qrels)}",
        *(f"{k}={res[k]:.4f}" for k in ("ndcg@5", "ndcg@10", "mrr", "recall@10")),
    ]
    lines.append(f"ndcg@5={res['ndcg@5']:.4f} mrr={res['mrr']:.4f}")
    out.write("\n".join(lines) + "\n")
    return 0


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    stdout = out or sys.stdout
    try:
        if args.command == "rank":
            return _rank(args, stdout)
        if args.command == "evaluate":
            return _evaluate(args, stdout)
        from matching.bench import run_bench

        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
        return run_bench(
            sizes, n_needs=args.needs, seed=args.seed, baseline=not args.no_baseline, out=stdout
        )
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INPUT
