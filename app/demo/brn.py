"""Deterministic fictional 사업자등록번호 that pass the check-digit test."""

from app.validators import BRN_WEIGHTS

# Office (세무서) codes kept apart per data set, so demo and scale numbers never collide.
DEMO_STARTUP_OFFICE = 101
DEMO_MANUFACTURER_OFFICE = 102
SCALE_MANUFACTURER_OFFICE = 199
SCALE_STARTUP_FIRST_OFFICE = 200


def make_brn(office: int, kind: int, serial: int) -> str:
    """``office`` (3 digits), ``kind`` (2), ``serial`` (4), then the check digit."""
    body = f"{office:03d}{kind:02d}{serial:04d}"
    digits = [int(c) for c in body]
    total = sum(d * w for d, w in zip(digits, BRN_WEIGHTS, strict=True)) + digits[8] * 5 // 10
    return body + str((10 - total % 10) % 10)


def scale_startup_brn(n: int) -> str:
    """The n-th (0-based) scale startup's number; unique for n below 8 million."""
    return make_brn(SCALE_STARTUP_FIRST_OFFICE + n // 10_000, 87, n % 10_000)
