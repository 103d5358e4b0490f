"""The vocabulary folder: one loader that validates and names the file and concept."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest

from matching.vocabulary import load_vocabulary
from matching.vocabulary_files import VOCABULARY_DIR, VocabularyError


def _concept(id_: str, **kw: object) -> dict:
    base: dict = {
        "id": id_,
        "ko": f"{id_} 한국어",
        "en": f"{id_} english",
        "scope": "What belongs here and what does not.",
        "synonyms": {"ko": [], "en": []},
        "hidden": {"ko": [], "en": []},
        "plain": {"ko": [], "en": []},
        "not_alone": {"ko": [], "en": []},
        "related": [],
        "sectors": [],
        "fields": ["service"],
        "weight": 1.0,
    }
    return {**base, **kw}


def _folder(tmp_path: Path, **files: list[dict]) -> Path:
    folder = tmp_path / "vocabulary"
    folder.mkdir()
    shutil.copy(VOCABULARY_DIR / "_scheme.json", folder / "_scheme.json")
    for name, concepts in files.items():
        doc = {"scheme": name, "title": {"ko": "영역", "en": "area"}, "concepts": concepts}
        (folder / f"{name}.json").write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    return folder


def _error(folder: Path) -> str:
    with pytest.raises(VocabularyError) as info:
        load_vocabulary(str(folder))
    return str(info.value)


def test_a_valid_folder_loads_every_concept_file_but_the_scheme(tmp_path: Path) -> None:
    folder = _folder(
        tmp_path,
        area_a=[_concept("alpha", synonyms={"ko": ["알파 감지"], "en": ["alpha sensing"]})],
        area_b=[_concept("beta", broader="alpha", related=["alpha"], sectors=["metal_processing"])],
    )
    vocab = load_vocabulary(str(folder))
    assert [c.id for c in vocab.capabilities] == ["alpha", "beta"]
    assert vocab.get("beta").broader == "alpha" and vocab.get("beta").scheme == "area_b"
    assert vocab.map_text("알파 감지가 필요합니다")[0].capability_id == "alpha"


@pytest.mark.parametrize(
    ("files", "words"),
    [
        ({"a": [_concept("x")], "b": [_concept("x")]}, ["b.json", "x", "duplicate id", "a.json"]),
        (
            {"a": [_concept("x", synonyms={"ko": ["  "], "en": []})]},
            ["a.json", "x", "empty or blank"],
        ),
        (
            {"a": [_concept("x", synonyms={"ko": [], "en": ["leak", "Leak"]})]},
            ["a.json", "x", "repeats"],
        ),
        ({"a": [_concept("x", sectors=["moon_mining"])]}, ["a.json", "x", "unknown sector"]),
        ({"a": [_concept("x", fields=["telepathy"])]}, ["a.json", "x", "unknown field"]),
        ({"a": [_concept("x", broader="nowhere")]}, ["a.json", "x", "unknown concept 'nowhere'"]),
        ({"a": [_concept("x", related=["nowhere"])]}, ["a.json", "x", "unknown concept"]),
        (
            {"a": [_concept("x", broader="y"), _concept("y", broader="x")]},
            ["a.json", "cycle in 'broader'"],
        ),
        ({"a": [_concept("x", weight="heavy")]}, ["a.json", "x", "'weight' must be a number"]),
        ({"a": [_concept("x", weight=3)]}, ["a.json", "x", "'weight' must be in"]),
        ({"a": [_concept("x", synonyms=["leak"])]}, ["a.json", "x", "'synonyms' must be"]),
        ({"a": [_concept("x", ko="")]}, ["a.json", "x", "'ko' must be a non-empty string"]),
        ({"a": [_concept("x", synonym={"ko": []})]}, ["a.json", "x", "unknown keys: synonym"]),
        ({"a": [_concept("Bad Id")]}, ["a.json", "'id' must be a snake_case"]),
    ],
)
def test_bad_files_fail_loudly_naming_file_and_concept(
    tmp_path: Path, files: dict, words: list[str]
) -> None:
    message = _error(_folder(tmp_path, **files))
    for w in words:
        assert w in message


def test_a_file_that_is_not_json_is_named(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / "broken.json").write_text("{not json", "utf-8")
    assert "broken.json" in _error(folder)


def test_staff_additions_merge_on_top(tmp_path: Path) -> None:
    folder = _folder(tmp_path, area=[_concept("alpha")])
    extra = [
        {"id": "alpha", "synonyms": {"ko": ["알파 신호"]}, "weight": 0.5},
        _concept("gamma", plain={"ko": ["감마가 새"], "en": []}),
    ]
    vocab = load_vocabulary(str(folder), extra=extra)
    assert vocab.get("alpha").weight == 0.5
    assert "알파 신호" in vocab.get("alpha").synonyms_ko
    assert "alpha" in [h.capability_id for h in vocab.map_text("알파 신호")]
    assert "gamma" in [h.capability_id for h in vocab.map_text("감마가 새는 곳")]
    with pytest.raises(VocabularyError, match=r"<extra>\[0\]: alpha: .*unknown sector"):
        load_vocabulary(str(folder), extra=[{"id": "alpha", "sectors": ["moon_mining"]}])


def test_not_alone_words_count_only_next_to_other_evidence(tmp_path: Path) -> None:
    folder = _folder(
        tmp_path,
        area=[
            _concept(
                "gas_alarm",
                synonyms={"ko": ["가스 누출 경보"], "en": []},
                plain={"ko": ["가스 냄새"], "en": []},
                not_alone={"ko": ["가스"], "en": ["gas"]},
            )
        ],
    )
    vocab = load_vocabulary(str(folder))
    assert vocab.map_text("가스 요금 고지서") == []
    assert vocab.map_text("natural gas supply") == []
    hit = vocab.map_text("가스 냄새가 나서 가스 누출 경보가 필요합니다")[0]
    assert hit.capability_id == "gas_alarm" and "가스" not in hit.terms


def test_hidden_labels_match_and_word_start_is_kept(tmp_path: Path) -> None:
    folder = _folder(
        tmp_path,
        area=[_concept("leak", hidden={"ko": ["^새는", "누설감지"], "en": ["leakage"]})],
    )
    vocab = load_vocabulary(str(folder))
    assert vocab.map_text("공기가 새는 곳")[0].capability_id == "leak"
    assert vocab.map_text("새로운 고객") == []
    assert vocab.map_text("Leakages in the line")[0].capability_id == "leak"


def test_the_matcher_scales_with_text_not_with_the_number_of_phrases(tmp_path: Path) -> None:
    """One Aho–Corasick pass: 20,000 phrases cost about what 200 do."""
    text = "예지보전 진동 분석 bearing fault detection " * 50

    def timed(n: int) -> float:
        concepts = [
            _concept(f"c{i}", synonyms={"ko": [f"용어{i}번"], "en": [f"term{i} phrase"]})
            for i in range(n)
        ]
        sub = tmp_path / f"n{n}"
        sub.mkdir()
        vocab = load_vocabulary(str(_folder(sub, area=concepts)))
        start = time.perf_counter()
        for _ in range(20):
            vocab.find_text(text)
        return time.perf_counter() - start

    small, large = timed(100), timed(10_000)
    assert large < small * 5 + 0.05


def test_the_shipped_vocabulary_is_valid_and_at_scale() -> None:
    vocab = load_vocabulary()
    assert len(vocab) >= 400
    assert vocab.term_count >= 5_000
    schemes = {c.scheme for c in vocab.capabilities}
    assert len(schemes) >= 10
