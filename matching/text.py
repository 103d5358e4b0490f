"""Text normalisation and tokenisation for Korean, English and mixed sentences.

Features produced by :func:`analyze` feed a hashing TF-IDF model:

* ``k:`` Korean syllable bigrams of each word after its particle or verb ending
  is stripped (``센서를`` → ``센서``), so compounds (``설비고장예측``) share
  features with their spaced forms (``설비 고장 예측``);
* ``w:`` whole Korean stems of three or more syllables (exact-word bonus);
* ``e:`` light-stemmed English words and ``e:a_b`` adjacent-word bigrams.

A morphological analyser (kiwipiepy) was considered and left out: syllable
bigrams plus suffix stripping already make particles and compounds meet, and
the capability vocabulary (``vocabulary.py``) does the cross-language work.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

__all__ = [
    "analyze",
    "is_function_word",
    "normalize",
    "shared_terms",
    "stem_en",
    "strip_korean_suffix",
    "surface_terms",
    "tokens",
]

# Punctuation and symbols become spaces; letters and digits (any script) stay.
_NON_WORD = re.compile(r"[^\w\s]|_", re.UNICODE)
_SPACES = re.compile(r"\s+")
_TOKEN = re.compile(r"[가-힣]+|[a-z0-9]+|[^\W\d_가-힣a-z]+", re.UNICODE)

# Particles (조사) and common verb/adjective endings, longest first. A suffix is
# only removed when at least two syllables remain, so 온도 or 수도 stay whole.
_KO_SUFFIXES: tuple[str, ...] = tuple(
    sorted(
        {
            "했습니다",
            "합니다",
            "습니다",
            "입니다",
            "됩니다",
            "니다",
            "하는데",
            "했는데",
            "으로는",
            "에서는",
            "에서도",
            "에서",
            "에게",
            "으로",
            "까지",
            "부터",
            "처럼",
            "보다",
            "하고",
            "하여",
            "해서",
            "하며",
            "하면",
            "하는",
            "하던",
            "하기",
            "되는",
            "되어",
            "되고",
            "되면",
            "된",
            "한",
            "할",
            "해",
            "을",
            "를",
            "이",
            "가",
            "은",
            "는",
            "의",
            "에",
            "로",
            "와",
            "과",
            "도",
            "만",
            "랑",
            "께",
            "고",
            "며",
            "면",
            "서",
            "지만",
            "라서",
            "이나",
            "나",
            "요",
            "죠",
            "들",
        },
        key=len,
        reverse=True,
    )
)
_KO_STOP: frozenset[str] = frozenset(
    "필요 제공 가능 사용 통해 위해 관련 경우 현재 그리고 저희 우리 회사 기업 있습 없습 원합 싶습 "
    "하고 있는 모든 각각 이런 그런 대한 따라 함께 또는 등을 등의 바로 계속 정도 "
    # Function words, auxiliaries and fillers that say nothing about a capability.
    "합니다 됩니다 입니다 습니다 있어 있고 있는데 있으 있다 없어 없고 없는 없이 없다 같은 같이 "
    "두는 하는 하지 하면 해서 해야 했고 했는데 했습 됐습 되는 되면 되지 이런 저런 어떤 무슨 "
    "많이 많은 너무 매우 아주 정말 자주 가끔 항상 이미 아직 다시 모두 여러 다른 이상의 이후 "
    "이전 때문 때문에 그래서 하지만 그러나 그런데 또한 특히 주로 직접 바로 매일 매번 지금 "
    "언제 어디 누가 무엇 얼마 몇몇 하나 우리는 저희는 당사 고객 고객사 서비스 솔루션 제품 "
    "시스템 기술 업체 회사는 기업은 싶어 싶은 원하는 원해 찾고 찾습 알고 알려 생각 문제가 "
    "경우가 정도로 이상 수준 부분 방법 방식 사람 사람이 하루 시간 매월 매년 올해 작년".split()
)
_EN_STOP: frozenset[str] = frozenset(ENGLISH_STOP_WORDS) | {"ll", "ve", "re", "don", "doesn", "etc"}


def normalize(text: str) -> str:
    """NFKC, casefold, punctuation to spaces, whitespace collapsed.

    Full-width Latin (ＰＬＣ) and compatibility jamo become their ordinary
    forms, so the same word always has one spelling.
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    return _SPACES.sub(" ", _NON_WORD.sub(" ", text)).strip()


@lru_cache(maxsize=65536)
def strip_korean_suffix(word: str) -> str:
    """Remove one particle or ending (센서를 → 센서, 감지하고 → 감지)."""
    for suffix in _KO_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            return word[: -len(suffix)]
    return word


def is_function_word(word: str) -> bool:
    """A word that is never evidence: a particle-only form, stop word or filler."""
    w = normalize(word)
    if not w:
        return True
    if w.isascii():
        return w in _EN_STOP or len(w) < 2 or w.isdigit()
    return strip_korean_suffix(w) in _KO_STOP or len(strip_korean_suffix(w)) < 2


@lru_cache(maxsize=65536)
def stem_en(word: str) -> str:
    """Light English stem (sensors → sensor, leaking → leak)."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 5 and word.endswith("ing"):
        return word[:-3]
    if len(word) > 4 and word.endswith("ed"):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def tokens(normalized: str) -> list[tuple[str, str, str]]:
    """(kind, feature stem, surface) for each useful token."""
    out: list[tuple[str, str, str]] = []
    for tok in _TOKEN.findall(normalized):
        first = tok[0]
        if "가" <= first <= "힣":
            stem = strip_korean_suffix(tok)
            if len(stem) >= 2 and stem not in _KO_STOP:
                out.append(("k", stem, tok))
        elif first.isascii():
            if tok.isdigit() or tok in _EN_STOP or len(tok) < 2:
                out.append(("x", "", tok))  # a break for English bigrams
                continue
            out.append(("e", stem_en(tok), tok))
    return out


def analyze(text: str) -> list[str]:
    """Feature strings of one document (the analyzer of the hashing vectoriser)."""
    feats: list[str] = []
    prev_en = ""
    for kind, stem, _surface in tokens(normalize(text)):
        if kind == "k":
            prev_en = ""
            feats.extend("k:" + stem[i : i + 2] for i in range(len(stem) - 1))
            if len(stem) >= 3:
                feats.append("w:" + stem)
        elif kind == "e":
            feats.append("e:" + stem)
            if prev_en:
                feats.append("e:" + prev_en + "_" + stem)
            prev_en = stem
        else:
            prev_en = ""
    return feats


def surface_terms(text: str) -> dict[str, str]:
    """Readable word for each word-level feature of ``text`` (for reasons)."""
    terms: dict[str, str] = {}
    for kind, stem, surface in tokens(normalize(text)):
        if kind == "k":
            terms.setdefault("k:" + stem, stem)
        elif kind == "e":
            terms.setdefault("e:" + stem, surface)
    return terms


def shared_terms(a: dict[str, str], b: dict[str, str], enough: int = 3) -> list[str]:
    """Word features of ``a`` also present in ``b`` (a Korean stem may be part of a word)."""
    keys = [k for k in a if k in b]
    if len(keys) >= enough:
        return keys
    b_ko = [k[2:] for k in b if k.startswith("k:")]
    for k in a:
        # 센서 in one text and 온도센서 in the other are the same word.
        if k.startswith("k:") and k not in b and any(k[2:] in other for other in b_ko):
            keys.append(k)
    return keys
