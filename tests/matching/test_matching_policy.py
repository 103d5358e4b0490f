"""Policy weights and the priority-sector boost."""

import json

import pytest

from matching import MatchingEngine, Policy


def test_policy_round_trips_through_json() -> None:
    p = Policy(
        weight_text=0.2, priority_sectors=("metal_processing",), priority_boost=0.3, min_score=0.1
    )
    assert Policy.from_json(p.to_json()) == p
    assert json.loads(p.to_json())["priority_sectors"] == ["metal_processing"]


@pytest.mark.parametrize(
    "bad",
    [{"weight_text": -1}, {"priority_sectors": ["spaceships"]}, {"unknown": 1}, {"min_score": 2}],
)
def test_policy_rejects_bad_values(bad: dict) -> None:
    with pytest.raises(ValueError):
        Policy.from_dict(bad)


def _twins(make_startup, make_need):
    text = "Vision inspection of machined parts for cracks"
    startups = [
        make_startup(
            "a-other", sectors=["metal_processing", "machinery_robotics"], description=text
        ),
        make_startup(
            "b-auto", sectors=["metal_processing", "automotive_transport"], description=text
        ),
    ]
    need = make_need("n", sector="automotive_transport", title="Crack inspection", description=text)
    return startups, need


def test_priority_sector_moves_a_pair_up(make_startup, make_need) -> None:
    startups, need = _twins(make_startup, make_need)
    no_sector = dict(weight_sector=0.0, weight_iot_field=0.0)
    plain = MatchingEngine(Policy(priority_boost=0.0, **no_sector)).fit(startups).rank([need])[0]
    assert [m.startup_id for m in plain.matches] == ["a-other", "b-auto"]  # a tie, broken by id
    boosted = MatchingEngine(Policy(priority_boost=0.2, **no_sector)).fit(startups).rank([need])[0]
    assert [m.startup_id for m in boosted.matches] == ["b-auto", "a-other"]
    assert boosted.matches[0].parts.priority
    assert any(r.kind == "priority" for r in boosted.matches[0].reasons)


def test_zero_weights_do_what_they_say(small_corpus) -> None:
    startups, needs = small_corpus
    only_sector = Policy(
        weight_text=0, weight_capability=0, weight_sector=1, weight_iot_field=0, priority_boost=0
    )
    ranking = MatchingEngine(only_sector).fit(startups).rank(needs, top_k=50)
    for r, need in zip(ranking, needs, strict=True):
        serving = {s["id"] for s in startups if need["sector"] in s["sectors"]}
        assert {m.startup_id for m in r.matches} == serving
        assert all(m.score == 1.0 for m in r.matches)
    nothing = Policy(weight_text=0, weight_capability=0, weight_sector=0, weight_iot_field=0)
    assert all(not r.matches for r in MatchingEngine(nothing).fit(startups).rank(needs))


def test_text_only_ignores_sector(small_corpus) -> None:
    startups, needs = small_corpus
    text_only = Policy(
        weight_text=1, weight_capability=0, weight_sector=0, weight_iot_field=0, priority_boost=0
    )
    for r in MatchingEngine(text_only).fit(startups).rank(needs):
        for m in r.matches:
            assert m.score == pytest.approx(m.parts.text, abs=1e-4)


def test_min_score_drops_weak_pairs(small_corpus) -> None:
    startups, needs = small_corpus
    ranking = MatchingEngine(Policy(min_score=0.3)).fit(startups).rank(needs, top_k=50)
    assert all(m.score >= 0.3 for r in ranking for m in r.matches)


def test_set_policy_changes_ranking_without_refit(make_startup, make_need) -> None:
    startups, need = _twins(make_startup, make_need)
    no_sector = dict(weight_sector=0.0, weight_iot_field=0.0)
    engine = MatchingEngine(Policy(priority_boost=0.0, **no_sector)).fit(startups)
    assert engine.rank([need])[0].matches[0].startup_id == "a-other"
    engine.set_policy(Policy(priority_boost=0.2, **no_sector))
    assert engine.rank([need])[0].matches[0].startup_id == "b-auto"


def test_sector_and_priority_boosts_do_not_outweigh_fit(make_startup, make_need) -> None:
    """Issue 10, class 4: the right capability in a neighbouring sector beats the wrong
    capability in the need's own, prioritised sector."""
    startups = [
        make_startup(
            "a-right",
            sectors=["machinery_robotics"],
            description="Ultrasonic leak detection for compressed air lines in factories.",
            capabilities=["leak detection"],
        ),
        make_startup(
            "b-wrong",
            sectors=["automotive_transport"],
            description="Dashboards for car body shops: output of the lines on one screen.",
            capabilities=["dashboard"],
        ),
    ]
    need = make_need(
        "n",
        sector="automotive_transport",
        title="Compressed air leaks",
        description="We lose compressed air through leaks in the lines of our body shop.",
    )
    for policy in (Policy(), Policy(priority_boost=0.5, weight_sector=0.3)):
        ranking = MatchingEngine(policy).fit(startups).rank([need])[0]
        assert ranking.matches[0].startup_id == "a-right", policy


def test_a_startup_without_evidence_gets_no_score_from_its_sector(make_startup, make_need) -> None:
    startups = [make_startup("s", sectors=["automotive_transport"], description="Catering.")]
    need = make_need("n", sector="automotive_transport", title="Weld spatter", description="x")
    assert MatchingEngine(Policy(priority_boost=1.0)).fit(startups).rank([need])[0].matches == []
