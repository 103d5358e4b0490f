"""The capability vocabulary: plain Korean and English vendor words meet."""

import pytest

from matching import load_vocabulary, map_capabilities
from matching.vocabulary import IOT_FIELDS, SECTORS, suggest_capabilities


@pytest.mark.parametrize(
    ("plain_korean", "vendor_english", "capability"),
    [
        (
            "기계가 갑자기 고장 나서 라인이 멈춥니다",
            "Failure prediction and remaining useful life",
            "predictive_maintenance",
        ),
        (
            "배관 어딘가에서 공기가 새는 것 같습니다",
            "Ultrasonic leak detection for compressed air",
            "leak_detection",
        ),
        (
            "전기요금이 너무 많이 나옵니다",
            "Per-machine power metering with CT sensors",
            "energy_monitoring",
        ),
        (
            "검사원이 눈으로 보다가 불량을 놓칩니다",
            "Automated visual inspection with deep learning",
            "vision_inspection",
        ),
        (
            "볼트를 덜 조인 채로 출하됩니다",
            "Connected nutrunners with torque and angle records",
            "torque_fastening",
        ),
        (
            "작업자가 혼자 일하다 쓰러지면 아무도 모릅니다",
            "Lone worker wearable with fall detection",
            "worker_safety_wearable",
        ),
        (
            "지게차가 사람에게 부딪힐 뻔했습니다",
            "UWB proximity warning for forklifts",
            "collision_avoidance",
        ),
        ("와이파이가 닿지 않는 야적장", "LoRaWAN coverage survey and gateways", "wireless_network"),
    ],
)
def test_plain_korean_and_vendor_english_meet(
    plain_korean: str, vendor_english: str, capability: str
) -> None:
    assert capability in map_capabilities(plain_korean)
    assert capability in map_capabilities(vendor_english)


def test_spacing_and_particles_do_not_matter() -> None:
    for text in ("설비고장예측", "설비 고장 예측을", "예지보전으로"):
        assert "predictive_maintenance" in map_capabilities(text)


def test_word_start_terms_do_not_match_inside_words() -> None:
    assert "leak_detection" not in map_capabilities("새로운 고객을 만납니다")
    assert "leak_detection" not in map_capabilities("bleak outlook")
    assert "battery_analytics" not in map_capabilities("재고를 엑셀로 관리합니다")
    assert "vehicle_diagnostics" not in map_capabilities("our engineers")
    assert "ai_analytics" not in map_capabilities("first aid kit")


def test_full_width_acronyms_map() -> None:
    assert "machine_data_integration" in map_capabilities("ＰＬＣ 데이터를 모읍니다")


def test_vocabulary_has_names_in_both_languages() -> None:
    vocab = load_vocabulary()
    assert len(vocab) >= 400  # issue 10: a taxonomy at the scale of the field
    for cap in vocab.capabilities:
        assert cap.ko and cap.en and cap.fields and cap.scope
        assert set(cap.fields) <= set(IOT_FIELDS)
        assert set(cap.sectors) <= set(SECTORS)
    assert len(SECTORS) == 12 and SECTORS["automotive_transport"].ko == "자동차/교통"
    assert IOT_FIELDS["device"].ko == "제품기기"


def test_suggest_capabilities_by_prefix() -> None:
    assert suggest_capabilities("예지")[0].id == "predictive_maintenance"
    assert any(c.id == "leak_detection" for c in suggest_capabilities("leak", "en"))
    assert suggest_capabilities("") == []


def test_capability_names_in_both_languages() -> None:
    from matching import capability_names

    ids = map_capabilities("설비 고장 예측")
    assert capability_names(ids, "ko")[0] == "예지보전"
    assert capability_names(ids, "en")[0] == "predictive maintenance"
