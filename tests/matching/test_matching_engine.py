"""The estimator: shape, both directions, reasons, incremental updates, determinism."""

from __future__ import annotations

import pytest

from matching import Match, MatchingEngine, NeedRanking, Reason, StartupRanking
from matching.records import RecordError


def _ids(rankings: list[NeedRanking]) -> list[list[str]]:
    return [[m.startup_id for m in r.matches] for r in rankings]


def test_init_only_stores_parameters() -> None:
    engine = MatchingEngine(merge_min=7)
    assert engine.merge_min == 7
    assert not [k for k in vars(engine) if k.endswith("_")]


def test_rank_before_fit_raises() -> None:
    with pytest.raises(RuntimeError, match="not fitted"):
        MatchingEngine().rank([])


def test_fit_validates_records(make_startup) -> None:
    with pytest.raises(RecordError, match="sectors"):
        MatchingEngine().fit([make_startup("s", sectors=["moon_mining"])])
    with pytest.raises(ValueError, match="more than once"):
        MatchingEngine().fit([make_startup("s"), make_startup("s")])


def test_startups_for_a_need_find_the_plain_word_match(small_corpus) -> None:
    startups, needs = small_corpus
    ranking = MatchingEngine().fit(startups).rank(needs, top_k=3)
    best = {r.need_id: r.matches[0].startup_id for r in ranking}
    assert best["n-pm"] in {"s-pm-ko", "s-pm-en"}
    assert best["n-leak"] == "s-leak"  # Korean plain words ↔ English vendor words
    assert best["n-vision"] == "s-vision"
    assert best["n-net"] == "s-lora"
    top_pm = {m.startup_id for m in ranking[0].matches[:2]}
    assert top_pm == {"s-pm-ko", "s-pm-en"}


def test_scores_are_in_unit_interval_and_sorted(small_corpus) -> None:
    startups, needs = small_corpus
    for r in MatchingEngine().fit(startups).rank(needs, top_k=20):
        scores = [m.score for m in r.matches]
        assert scores == sorted(scores, reverse=True)
        assert all(0 < s <= 1 for s in scores)


def test_reasons_are_bilingual_and_structured(small_corpus) -> None:
    startups, needs = small_corpus
    match = MatchingEngine().fit(startups).rank([needs[1]], top_k=1)[0].matches[0]
    assert isinstance(match, Match)
    kinds = {r.kind for r in match.reasons}
    assert {"sector", "capability"} <= kinds
    cap = next(r for r in match.reasons if r.kind == "capability" and r.code == "leak_detection")
    assert cap.need_terms and cap.startup_terms
    assert all(isinstance(r, Reason) and r.ko and r.en and r.ko != r.en for r in match.reasons)
    line = match.to_dict()
    assert line["startup_id"] == "s-leak" and all(" / " in s for s in line["reasons"])


def test_needs_for_a_startup_agree_with_the_other_direction(small_corpus) -> None:
    startups, needs = small_corpus
    engine = MatchingEngine().fit(startups)
    forward = {
        (m.need_id, m.startup_id): m.score for r in engine.rank(needs, top_k=50) for m in r.matches
    }
    backward = engine.rank_needs(None, needs, top_k=50)
    assert [r.startup_id for r in backward] == sorted(s["id"] for s in startups)
    assert all(isinstance(r, StartupRanking) for r in backward)
    for r in backward:
        for m in r.matches:
            assert forward[(m.need_id, m.startup_id)] == pytest.approx(m.score, abs=1e-6)
    leak = next(r for r in backward if r.startup_id == "s-leak")
    assert leak.matches[0].need_id == "n-leak"
    given = engine.rank_needs(startups[:2], needs, top_k=2)
    assert [r.startup_id for r in given] == ["s-pm-ko", "s-pm-en"]
    assert given[0].matches[0].need_id == "n-pm"
    assert given[0].to_dict()["matches"][0]["need_id"] == "n-pm"


def test_batch_equals_one_by_one(small_corpus) -> None:
    startups, needs = small_corpus
    engine = MatchingEngine(batch_size=2).fit(startups)
    batch = engine.rank(needs, top_k=5)
    single = [engine.rank([n], top_k=5)[0] for n in needs]
    assert batch == single


def test_deterministic_and_ties_broken_by_id(small_corpus, make_startup, make_need) -> None:
    startups, needs = small_corpus
    first = MatchingEngine().fit(startups).rank(needs, top_k=10)
    again = MatchingEngine().fit(list(reversed(startups))).rank(needs, top_k=10)
    assert first == again
    clones = [make_startup(i, description="vibration monitoring") for i in ("c", "a", "b")]
    tie = MatchingEngine().fit(clones).rank([make_need("n", description="vibration")], top_k=2)
    assert [m.startup_id for m in tie[0].matches] == ["a", "b"]


@pytest.mark.parametrize("merge_min", [1000, 2])  # without and with a merge into the main segment
def test_incremental_updates_equal_a_refit(small_corpus, make_startup, merge_min: int) -> None:
    startups, needs = small_corpus
    engine = MatchingEngine(merge_min=merge_min, merge_fraction=0.0).fit(startups[:9])
    added = make_startup(
        "s-new",
        sectors=["electronics_semiconductor"],
        capabilities=["누설 탐지"],
        description="초음파로 압축공기 누설 위치를 찾아 드립니다.",
    )
    changed = {**startups[3], "description": "Energy monitoring and compressed air leak audits."}
    engine.add_or_update_startup(startups[9])
    engine.add_or_update_startup(added)
    engine.add_or_update_startup(changed)
    engine.remove_startup("s-rfid")
    engine.add_or_update_startup(startups[10])
    engine.remove_startup(startups[10]["id"])
    engine.add_or_update_startup(startups[11])
    final = [s for s in startups[:9] if s["id"] not in {"s-rfid", changed["id"]}]
    final += [startups[9], added, changed, startups[11]]
    refit = MatchingEngine().fit(final)
    got, want = engine.rank(needs, top_k=20), refit.rank(needs, top_k=20)
    assert _ids(got) == _ids(want)
    for g, w in zip(got, want, strict=True):
        assert [m.score for m in g.matches] == pytest.approx([m.score for m in w.matches], abs=1e-6)
    assert engine.startup_ids == sorted(s["id"] for s in final)
    back = engine.rank_needs(None, needs, top_k=3)
    assert [r.startup_id for r in back] == [
        r.startup_id for r in refit.rank_needs(None, needs, top_k=3)
    ]


def test_remove_unknown_startup_raises(small_corpus) -> None:
    engine = MatchingEngine().fit(small_corpus[0])
    with pytest.raises(KeyError):
        engine.remove_startup("nope")
