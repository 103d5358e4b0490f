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
from pathlib import Path
from typing import TextIO

from matching.engine import MatchingEngine
from matching.evaluation import evaluate, load_qrels
from matching.glossary import GlossaryError
from matching.policy import Policy
from matching.records import InputError, NeedRecord, StartupRecord, read_jsonl
from matching.vocabulary_files import VocabularyError

__all__ = ["main"]

EXIT_INPUT = 2
ABLATIONS = ("vocabulary", "glossary", "loanwords")


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

    ev = sub.add_parser(
        "evaluate",
        help="NDCG@5, NDCG@10, MRR, Recall@10 against qrels, per set and averaged",
        description=(
            "Evaluate on one set given as --startups/--needs/--qrels, and/or on set folders"
            " (--set DIR, repeatable; a folder holding set folders counts as all of them)."
            " With several sets each is reported, then their average; the last line is"
            " 'ndcg@5=… mrr=…' of the average."
        ),
    )
    ev.add_argument("--startups")
    ev.add_argument("--needs")
    ev.add_argument("--qrels")
    ev.add_argument(
        "--set",
        dest="sets",
        action="append",
        default=[],
        metavar="DIR",
        help="folder with startups.jsonl, needs.jsonl, qrels.jsonl (or a folder of such folders)",
    )
    ev.add_argument("--policy")
    ev.add_argument("--vocabulary", metavar="DIR", help="vocabulary folder (default: shipped)")
    ev.add_argument(
        "--without",
        action="append",
        default=[],
        choices=ABLATIONS,
        help="ablation: rank without the vocabulary, the glossary or the loanword keys",
    )

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


_METRICS = ("ndcg@5", "ndcg@10", "mrr", "recall@10")


def _set_dirs(paths: Sequence[str]) -> list[Path]:
    """Each ``--set`` folder, or the set folders inside it, in name order."""
    out: list[Path] = []
    for raw in paths:
        folder = Path(raw)
        if (folder / "qrels.jsonl").is_file():
            out.append(folder)
            continue
        inner = sorted(p for p in folder.glob("*") if (p / "qrels.jsonl").is_file())
        if not inner:
            raise InputError(raw, 0, "no startups.jsonl/needs.jsonl/qrels.jsonl set found here")
        out.extend(inner)
    return out


def _evaluate_one(
    args: argparse.Namespace, policy: Policy, startups: str, needs: str, qrels_path: str
) -> dict[str, float]:
    s = read_jsonl(startups, StartupRecord)
    n = read_jsonl(needs, NeedRecord)
    try:
        qrels = load_qrels(qrels_path)
    except (OSError, ValueError, KeyError) as exc:
        raise InputError(qrels_path, 0, f"cannot read qrels: {exc}") from exc
    without = args.without
    engine = MatchingEngine(
        policy,
        vocabulary_path=args.vocabulary,
        use_vocabulary="vocabulary" not in without,
        use_glossary="glossary" not in without,
        use_loanwords="loanwords" not in without,
    )
    rankings = engine.fit(s).rank(n, top_k=10)
    res = evaluate({r.need_id: [m.startup_id for m in r.matches] for r in rankings}, qrels)
    return {**res, "needs": float(len(qrels))}


def _evaluate(args: argparse.Namespace, out: TextIO) -> int:
    policy = _load_policy(args.policy)
    runs: list[tuple[str, dict[str, float]]] = []
    given = [args.startups, args.needs, args.qrels]
    if any(given):
        if not all(given):
            raise InputError("--startups/--needs/--qrels", 0, "give all three, or use --set")
        runs.append((args.qrels, _evaluate_one(args, policy, *given)))
    for folder in _set_dirs(args.sets):
        files = [str(folder / f) for f in ("startups.jsonl", "needs.jsonl", "qrels.jsonl")]
        runs.append((folder.name, _evaluate_one(args, policy, *files)))
    if not runs:
        raise InputError("evaluate", 0, "nothing to evaluate: give --set DIR or the three files")
    lines = []
    if args.without:
        lines.append(f"ablation: without {', '.join(sorted(set(args.without)))}")
    for name, res in runs:
        figures = " ".join(f"{k}={res[k]:.4f}" for k in _METRICS)
        lines.append(f"{name}: needs={int(res['needs'])} {figures}")
    avg = {k: sum(r[k] for _n, r in runs) / len(runs) for k in _METRICS}
    if len(runs) > 1:
        lines.append(
            f"average of {len(runs)} sets: " + " ".join(f"{k}={avg[k]:.4f}" for k in _METRICS)
        )
    lines.append(f"ndcg@5={avg['ndcg@5']:.4f} mrr={avg['mrr']:.4f}")
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
    except (InputError, VocabularyError, GlossaryError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INPUT
