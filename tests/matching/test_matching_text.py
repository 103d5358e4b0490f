"""Normalisation and tokenisation of Korean, English and mixed text."""

from matching.text import analyze, normalize, strip_korean_suffix


def test_normalize_folds_full_width_and_case() -> None:
    assert normalize("ＰＬＣ　Ｄａｔａ") == "plc data"


def test_normalize_turns_punctuation_into_spaces() -> None:
    assert normalize("진동·온도 센서/OPC-UA, (PLC)!") == "진동 온도 센서 opc ua plc"


def test_korean_particles_are_stripped() -> None:
    assert strip_korean_suffix("센서를") == "센서"
    assert strip_korean_suffix("설비에서") == "설비"
    assert strip_korean_suffix("감지하고") == "감지"
    assert strip_korean_suffix("온도") == "온도"  # a two-syllable word keeps its last syllable


def test_particle_forms_share_features() -> None:
    assert set(analyze("센서를 설치")) == set(analyze("센서 설치"))


def test_compound_and_spaced_korean_share_bigrams() -> None:
    compound = set(analyze("설비고장예측"))
    spaced = set(analyze("설비 고장 예측"))
    assert {"k:설비", "k:고장", "k:예측"} <= compound & spaced


def test_mixed_script_splits_runs() -> None:
    feats = analyze("OEE모니터링 dashboard를 제공")
    assert "e:oee" in feats
    assert "k:모니" in feats
    assert "e:dashboard" in feats


def test_english_is_light_stemmed_and_stopwords_dropped() -> None:
    feats = analyze("The sensors are monitoring leaks")
    assert "e:sensor" in feats and "e:monitor" in feats and "e:leak" in feats
    assert "e:the" not in feats
