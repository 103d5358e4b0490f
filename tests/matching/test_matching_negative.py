"""Precision: generic words are no evidence of a capability on their own."""

from __future__ import annotations

from pathlib import Path

import pytest

from matching import map_capabilities

_LIST = Path(__file__).with_name("data") / "not_alone.tsv"
WORDS = [
    line.strip()
    for line in _LIST.read_text("utf-8").splitlines()
    if line.strip() and not line.lstrip().startswith("#")
]


@pytest.mark.parametrize("word", WORDS)
def test_a_generic_word_alone_triggers_no_capability(word: str) -> None:
    assert map_capabilities(word) == []
    # ... nor with a particle or inside an ordinary sentence.
    sentence = f"{word}에 대해 문의드립니다" if not word.isascii() else f"About the {word}."
    assert map_capabilities(sentence) == []


def test_the_negative_list_is_not_empty() -> None:
    assert len(WORDS) >= 30
