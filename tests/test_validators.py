import pytest

from app.validators import clean_text, format_brn, has_control_characters, is_valid_brn
from tests.factories import valid_brn


@pytest.mark.parametrize("number", ["220-81-62517", "2208162517", "124-81-00998", "120-81-47521"])
def test_real_registration_numbers_pass_the_check_digit(number: str) -> None:
    assert is_valid_brn(number)


@pytest.mark.parametrize(
    "number", ["220-81-62518", "123456789", "12345678901", "abc-de-fghij", "", "220 81 6251"]
)
def test_wrong_registration_numbers_fail(number: str) -> None:
    assert not is_valid_brn(number)


def test_generated_numbers_are_valid() -> None:
    assert all(is_valid_brn(valid_brn(seed)) for seed in range(500))


def test_format_brn_adds_dashes() -> None:
    assert format_brn("2208162517") == "220-81-62517"


def test_clean_text_composes_korean_to_nfc() -> None:
    decomposed = "\u1112\u1161\u11ab\u1100\u1173\u11af"  # 한글 as conjoining jamo
    assert clean_text(f"  {decomposed} ") == "한글"


def test_control_characters_are_detected() -> None:
    assert has_control_characters("abc\x00")
    assert has_control_characters("evil\u202etxt")
    assert has_control_characters("two\nlines", allow_newlines=False)
    assert not has_control_characters("두 줄\n텍스트")
