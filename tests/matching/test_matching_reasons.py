"""Reasons a factory manager reads at a glance (issue 10, class 5), on dev and dev2."""

from __future__ import annotations

import re

import pytest

from matching import MatchingEngine
from matching.text import is_function_word, normalize, strip_korean_suffix

_HANGUL = re.compile(r"[가-힣]")


@pytest.fixture
def ranked(eval_set):
    startups, needs, _folder = eval_set
    engine = MatchingEngine().fit(startups)
    names = {s["id"]: s["name"] for s in startups}
    return engine.rank(needs, top_k=10), names


def test_every_listed_match_has_one_to_three_reasons_strongest_first(ranked) -> None:
    rankings, _names = ranked
    for r in rankings:
        for m in r.matches:
            assert 1 <= len(m.reasons) <= 3, (r.need_id, m.startup_id)
            # Evidence (a capability or shared words) always comes with a listed match.
            assert any(x.kind in ("capability", "terms") for x in m.reasons)
            assert m.score > 0


def test_no_reason_quotes_the_startup_name(ranked) -> None:
    rankings, names = ranked
    for r in rankings:
        for m in r.matches:
            name = normalize(names[m.startup_id])
            for reason in m.reasons:
                quoted = [normalize(t) for t in (*reason.need_terms, *reason.startup_terms)]
                quoted += [normalize(t) for t in reason.terms]
                assert name not in quoted
                assert all(t not in name.split() or len(t) < 3 for t in quoted), (reason, name)
                assert name not in normalize(reason.ko) and name not in normalize(reason.en)


def test_korean_evidence_words_carry_no_particles(eval_set) -> None:
    """At most 5% of the Korean words quoted as evidence keep a particle (프레스에, 베어링이나)."""
    startups, needs, _folder = eval_set
    rankings = MatchingEngine().fit(startups).rank(needs, top_k=10)
    words = [
        w
        for r in rankings
        for m in r.matches
        for reason in m.reasons
        for t in (*reason.need_terms, *reason.startup_terms, *reason.terms)
        for w in t.split()
        if _HANGUL.search(w)
    ]
    assert words
    with_particle = [w for w in words if strip_korean_suffix(w) != w]
    assert len(with_particle) <= 0.05 * len(words), with_particle[:20]


def test_reasons_speak_the_readers_language(ranked) -> None:
    rankings, _names = ranked
    for r in rankings:
        for m in r.matches:
            for reason in m.reasons:
                if reason.kind != "capability":
                    continue
                # The Korean text quotes Korean terms (UDI 라벨 is one), the English one
                # English terms only.
                for quoted in re.findall(r"'([^']*)'", reason.ko):
                    assert all(_HANGUL.search(t) for t in quoted.split(", ")), reason.ko
                for quoted in re.findall(r"'([^']*)'", reason.en):
                    assert not _HANGUL.search(quoted), reason.en


def test_no_function_word_is_a_shared_term(ranked) -> None:
    rankings, _names = ranked
    for r in rankings:
        for m in r.matches:
            for reason in m.reasons:
                if reason.kind == "terms":
                    assert not any(is_function_word(t) for t in reason.terms), reason.terms


def test_a_pair_with_no_evidence_is_not_listed(make_startup, make_need) -> None:
    startups = [
        make_startup("s-fit", description="Ultrasonic leak detection for compressed air lines."),
        make_startup("s-none", description="Wedding photography and albums."),
    ]
    need = make_need("n", title="Compressed air leaks", description="Our compressor never rests.")
    ids = [m.startup_id for m in MatchingEngine().fit(startups).rank([need])[0].matches]
    assert ids == ["s-fit"]
