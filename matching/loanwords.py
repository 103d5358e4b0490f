"""A phonetic key that joins Hangul loanwords to their Latin spelling.

Shop floors write English technical terms in Hangul (컨베이어, 인버터, 콤프레샤),
profiles write them in Latin letters (conveyor, inverter, compressor). Both
spellings are reduced to the same coarse consonant skeleton:

* consonants fall into classes that Korean loanword spelling does not keep
  apart: p/b/f/v → P, k/g/c/q → K, t/d → T, s/z/j/ch/sh/th → S, l/r → L,
  m → M, n → N, ng (Korean final ㅇ) → G, h → H;
* vowels, w and y are dropped (Korean inserts ㅡ where English has none);
* an English r not followed by a vowel is dropped, as Korean spelling drops
  it (inverter → 인버터), and a final plural s of a long word is dropped;
* the same class twice in a row counts once (hopper → 호퍼, pallet → 파렛트).

So 컨베이어 and conveyor both give ``KNP``. The key is coarse on purpose: it is
used as weak evidence (a hidden label of the vocabulary, a low-weight text
feature), never alone as a reason.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["hangul_key", "latin_key"]

_INITIAL = "KKNTTLMPPSS" + "_" + "SSSKTPH"  # ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆ ㅇ ㅈㅉㅊㅋㅌㅍㅎ
# Finals in Unicode order: none ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ
_FINAL = ("", "K", "K", "K", "N", "N", "N", "T", "L", "L", "L", "L", "L", "L", "L", "L",
          "M", "P", "P", "T", "T", "G", "T", "T", "K", "T", "P", "")  # fmt: skip
_LATIN = str.maketrans(
    {
        **dict.fromkeys("bpfv", "P"),
        **dict.fromkeys("kgcq", "K"),
        **dict.fromkeys("td", "T"),
        **dict.fromkeys("szj", "S"),
        **dict.fromkeys("aeiouwy", ""),
        "l": "L",
        "r": "L",
        "m": "M",
        "n": "N",
        "h": "H",
    }
)
_DIGRAPHS = (
    ("ph", "f"),
    ("ck", "k"),
    ("sch", "s"),
    ("sh", "s"),
    ("ch", "s"),
    ("th", "s"),
    ("qu", "k"),
    ("wh", "w"),
    ("gh", ""),
    ("x", "ks"),
)
_SOFT = re.compile(r"[cg](?=[eiy])")
_NG = re.compile(r"n(?=[gk])")
_LOOSE_R = re.compile(r"r(?![aeiouy])")
_RUNS = re.compile(r"(.)\1+")
_NOT_LATIN = re.compile(r"[^a-z]")


def _collapse(key: str) -> str:
    return _RUNS.sub(r"\1", key)


@lru_cache(maxsize=65536)
def latin_key(word: str) -> str:
    """Phonetic key of a Latin word (``conveyor`` → ``KNP``); "" for no letters."""
    w = _NOT_LATIN.sub("", word.lower())
    if len(w) > 4 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    for a, b in _DIGRAPHS:
        w = w.replace(a, b)
    w = _SOFT.sub("s", w)
    w = _NG.sub("G", w)  # ng, nk: the Korean final ㅇ (탱크, 링크, 센싱)
    w = w.replace("Gg", "G")
    w = _LOOSE_R.sub("", w)
    return _collapse(w.translate(_LATIN))


@lru_cache(maxsize=65536)
def hangul_key(word: str) -> str:
    """Phonetic key of a Hangul word (``컨베이어`` → ``KNP``); other characters are skipped."""
    out: list[str] = []
    for ch in word:
        code = ord(ch) - 0xAC00
        if not 0 <= code < 11172:
            continue
        initial, final = code // 588, code % 28
        if _INITIAL[initial] != "_":
            out.append(_INITIAL[initial])
        out.append(_FINAL[final])
    return _collapse("".join(out))
