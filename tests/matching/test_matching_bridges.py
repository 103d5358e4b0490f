"""Cross-language bridges: the glossary and the Hangul-loanword key."""

from __future__ import annotations

from pathlib import Path

import pytest

from matching import MatchingEngine
from matching.features import Analyzer
from matching.glossary import GlossaryError, load_glossary, read_glossary
from matching.loanwords import hangul_key, latin_key
from matching.text import normalize


@pytest.mark.parametrize(
    ("hangul", "latin"),
    [
        ("컨베이어", "conveyor"),
        ("인버터", "inverter"),
        ("호퍼", "hopper"),
        ("콤프레샤", "compressor"),
        ("컴프레서", "compressors"),
        ("리플로우", "reflow"),
        ("파렛트", "pallet"),
        ("팔레트", "pallets"),
        ("트랩", "trap"),
        ("센서", "sensor"),
        ("펌프", "pumps"),
        ("로봇", "robot"),
        ("게이트웨이", "gateway"),
        ("탱크", "tank"),
        ("엔코더", "encoder"),
        ("센싱", "sensing"),
        ("보일러", "boiler"),
        ("스핀들", "spindle"),
        ("칠러", "chiller"),
    ],
)
def test_hangul_loanwords_meet_their_latin_spelling(hangul: str, latin: str) -> None:
    assert hangul_key(hangul) == latin_key(latin) != ""


@pytest.mark.parametrize(
    ("hangul", "latin"), [("공장", "concern"), ("컨베이어", "inverter"), ("호퍼", "hammer")]
)
def test_different_words_get_different_keys(hangul: str, latin: str) -> None:
    assert hangul_key(hangul) != latin_key(latin)


def test_a_loanword_joins_a_korean_need_to_an_english_profile(make_startup, make_need) -> None:
    startups = [
        make_startup("s-conv", description="Belt tracking sensors for conveyors and hoppers."),
        make_startup("s-other", description="Payroll software for small offices."),
    ]
    need = make_need(
        "n", title="배합 라인", description="호퍼 아래 컨베이어 벨트가 자꾸 틀어집니다"
    )
    with_keys = MatchingEngine(use_glossary=False).fit(startups).rank([need])[0]
    without = MatchingEngine(use_glossary=False, use_loanwords=False).fit(startups).rank([need])[0]
    assert [m.startup_id for m in with_keys.matches][:1] == ["s-conv"]
    assert "s-conv" not in [m.startup_id for m in without.matches] or (
        without.matches[0].parts.text < with_keys.matches[0].parts.text
    )


def _tsv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "terms.tsv"
    path.write_text(text, "utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("# c\n보일러\tboiler\n스팀 트랩\n", 3, "2 tab-separated columns"),
        ("보일러\t \n", 1, "non-empty"),
        ("boiler\tboiler\n", 1, "no Hangul"),
        ("보일러\t보일러\n", 1, "no Latin"),
        ("a\tb\tc\n", 1, "got 3"),
    ],
)
def test_bad_glossary_lines_fail_naming_file_and_line(
    tmp_path: Path, text: str, line: int, words: str
) -> None:
    with pytest.raises(GlossaryError, match=rf"terms\.tsv:{line}: .*{words}"):
        read_glossary([_tsv(tmp_path, text)])


def test_the_glossary_translates_both_ways(tmp_path: Path) -> None:
    folder = tmp_path / "g"
    folder.mkdir()
    (folder / "a.tsv").write_text("# parts\n스팀 트랩\tsteam trap\n보일러\tboiler\n", "utf-8")
    glossary = load_glossary(str(folder))
    assert len(glossary) == 2
    assert "steam trap" in glossary.translate(normalize("스팀트랩이 샙니다"))
    assert "보일러" in glossary.translate(normalize("Our boilers burn too much"))
    feats = dict(Analyzer(glossary, loanwords=False)("보일러 연료비"))
    assert feats["e:boiler"] == pytest.approx(0.5)


def test_the_shipped_glossary_is_valid_and_large() -> None:
    glossary = load_glossary()
    assert len(glossary) >= 3_000
