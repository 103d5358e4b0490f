"""The closed vocabularies of the domain, with their UI labels.

Codes are what the database stores and the engine reads (``data/FORMAT.md``);
labels go through the translation catalogue.
"""

import enum

from flask_babel import lazy_gettext as _l


class Role(enum.StrEnum):
    STARTUP = "startup"
    MANUFACTURER = "manufacturer"
    STAFF = "staff"


class OrganizationKind(enum.StrEnum):
    STARTUP = "startup"
    MANUFACTURER = "manufacturer"


class VerificationStatus(enum.StrEnum):
    PENDING = "pending"
    VERIFIED = "verified"
    REJECTED = "rejected"
    SUSPENDED = "suspended"


class IotField(enum.StrEnum):
    SERVICE = "service"
    PLATFORM = "platform"
    DEVICE = "device"
    NETWORK = "network"


class Sector(enum.StrEnum):
    AUTOMOTIVE_TRANSPORT = "automotive_transport"
    MACHINERY_ROBOTICS = "machinery_robotics"
    ELECTRONICS_SEMICONDUCTOR = "electronics_semiconductor"
    METAL_PROCESSING = "metal_processing"
    TEXTILE_FASHION = "textile_fashion"
    PRINTING_PUBLISHING = "printing_publishing"
    FOOD_CONSUMER = "food_consumer"
    CHEMICALS_MATERIALS = "chemicals_materials"
    ENERGY_ENVIRONMENT = "energy_environment"
    HEALTHCARE_BIO = "healthcare_bio"
    LOGISTICS_DISTRIBUTION = "logistics_distribution"
    CONSTRUCTION_SMARTCITY = "construction_smartcity"


class NeedStatus(enum.StrEnum):
    DRAFT = "draft"
    UNDER_REVIEW = "under_review"
    OPEN = "open"
    REJECTED = "rejected"
    CLOSED = "closed"


class PairingInitiator(enum.StrEnum):
    STARTUP = "startup"
    MANUFACTURER = "manufacturer"


class PairingStatus(enum.StrEnum):
    """Where a request stands before any contact changes hands.

    requested: waiting for the other side; accepted: both sides want it,
    waiting for staff; approved: staff approved, contacts revealed; the rest
    are final.
    """

    REQUESTED = "requested"
    ACCEPTED = "accepted"
    APPROVED = "approved"
    REJECTED = "rejected"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"
    CANCELLED = "cancelled"


class PairingStage(enum.StrEnum):
    INTRODUCED = "introduced"
    PILOT = "pilot"
    COMMERCIALIZED = "commercialized"
    ENDED = "ended"


class PairingOutcome(enum.StrEnum):
    NO_CONTACT = "no_contact"
    TALKS = "talks"
    PILOT_RUNNING = "pilot_running"
    CONTRACT_SIGNED = "contract_signed"
    ENDED = "ended"


class ConsentPurpose(enum.StrEnum):
    """Consents are separate per purpose (개인정보 보호법 Art. 22)."""

    PRIVACY_REQUIRED = "privacy_required"
    CONTACT_PROVISION = "contact_provision"
    MARKETING = "marketing"


# Seoul's 25 autonomous districts, in the city's official order, with their English names.
DISTRICT_EN: dict[str, str] = {
    "종로구": "Jongno-gu",
    "중구": "Jung-gu",
    "용산구": "Yongsan-gu",
    "성동구": "Seongdong-gu",
    "광진구": "Gwangjin-gu",
    "동대문구": "Dongdaemun-gu",
    "중랑구": "Jungnang-gu",
    "성북구": "Seongbuk-gu",
    "강북구": "Gangbuk-gu",
    "도봉구": "Dobong-gu",
    "노원구": "Nowon-gu",
    "은평구": "Eunpyeong-gu",
    "서대문구": "Seodaemun-gu",
    "마포구": "Mapo-gu",
    "양천구": "Yangcheon-gu",
    "강서구": "Gangseo-gu",
    "구로구": "Guro-gu",
    "금천구": "Geumcheon-gu",
    "영등포구": "Yeongdeungpo-gu",
    "동작구": "Dongjak-gu",
    "관악구": "Gwanak-gu",
    "서초구": "Seocho-gu",
    "강남구": "Gangnam-gu",
    "송파구": "Songpa-gu",
    "강동구": "Gangdong-gu",
}
SEOUL_DISTRICTS: tuple[str, ...] = tuple(DISTRICT_EN)
OUTSIDE_SEOUL = "outside_seoul"
DISTRICTS: tuple[str, ...] = (*SEOUL_DISTRICTS, OUTSIDE_SEOUL)


SECTOR_LABELS = {
    Sector.AUTOMOTIVE_TRANSPORT: _l("Automotive and transport"),
    Sector.MACHINERY_ROBOTICS: _l("Machinery and robotics"),
    Sector.ELECTRONICS_SEMICONDUCTOR: _l("Electronics and semiconductors"),
    Sector.METAL_PROCESSING: _l("Metal processing"),
    Sector.TEXTILE_FASHION: _l("Textiles, fashion and sewing"),
    Sector.PRINTING_PUBLISHING: _l("Printing and publishing"),
    Sector.FOOD_CONSUMER: _l("Food and consumer goods"),
    Sector.CHEMICALS_MATERIALS: _l("Chemicals and materials"),
    Sector.ENERGY_ENVIRONMENT: _l("Energy and environment"),
    Sector.HEALTHCARE_BIO: _l("Healthcare and bio"),
    Sector.LOGISTICS_DISTRIBUTION: _l("Logistics and distribution"),
    Sector.CONSTRUCTION_SMARTCITY: _l("Construction and smart city"),
}

IOT_FIELD_LABELS = {
    IotField.SERVICE: _l("Service"),
    IotField.PLATFORM: _l("Platform"),
    IotField.DEVICE: _l("Device"),
    IotField.NETWORK: _l("Network"),
}

VERIFICATION_LABELS = {
    VerificationStatus.PENDING: _l("Pending verification"),
    VerificationStatus.VERIFIED: _l("Verified"),
    VerificationStatus.REJECTED: _l("Rejected"),
    VerificationStatus.SUSPENDED: _l("Suspended"),
}

NEED_STATUS_LABELS = {
    NeedStatus.DRAFT: _l("Draft"),
    NeedStatus.UNDER_REVIEW: _l("Under review"),
    NeedStatus.OPEN: _l("Open"),
    NeedStatus.REJECTED: _l("Returned"),
    NeedStatus.CLOSED: _l("Closed"),
}

PAIRING_STATUS_LABELS = {
    PairingStatus.REQUESTED: _l("Waiting for an answer"),
    PairingStatus.ACCEPTED: _l("Waiting for city approval"),
    PairingStatus.APPROVED: _l("Approved"),
    PairingStatus.REJECTED: _l("Not approved"),
    PairingStatus.DECLINED: _l("Declined"),
    PairingStatus.WITHDRAWN: _l("Withdrawn"),
    PairingStatus.EXPIRED: _l("Expired"),
    PairingStatus.CANCELLED: _l("Cancelled"),
}

PAIRING_STAGE_LABELS = {
    PairingStage.INTRODUCED: _l("Introduced"),
    PairingStage.PILOT: _l("Pilot"),
    PairingStage.COMMERCIALIZED: _l("Commercialized"),
    PairingStage.ENDED: _l("Ended"),
}

PAIRING_OUTCOME_LABELS = {
    PairingOutcome.NO_CONTACT: _l("No contact yet"),
    PairingOutcome.TALKS: _l("In talks"),
    PairingOutcome.PILOT_RUNNING: _l("Pilot running"),
    PairingOutcome.CONTRACT_SIGNED: _l("Contract signed"),
    PairingOutcome.ENDED: _l("Ended"),
}

# The collaboration policy's settings in plain words (public policy page, history).
POLICY_SETTING_LABELS = {
    "weight_text": _l("how much similar wording counts"),
    "weight_capability": _l("how much the required capabilities count"),
    "weight_sector": _l("how much serving the same sector counts"),
    "weight_iot_field": _l("how much the IoT field counts"),
    "priority_sectors": _l("priority sectors"),
    "priority_boost": _l("the priority sectors' bonus"),
    "only_verified_listed": _l("who is listed"),
    "require_staff_approval": _l("staff approval of pairings"),
    "max_open_requests": _l("open requests per startup"),
    "min_score": _l("the lowest score shown"),
    "reminder_days": _l("reminders of unanswered requests"),
}

# Every "no" carries one of these reasons (and may add a note).
REJECTION_REASONS = {
    "incomplete_information": _l("Information is incomplete"),
    "cannot_verify": _l("Registration could not be verified"),
    "out_of_scope": _l("Outside the platform's scope"),
    "capability_mismatch": _l("Capabilities do not fit the need"),
    "timing_or_budget": _l("Timing or budget does not fit"),
    "duplicate": _l("Duplicate"),
    "other": _l("Other"),
}


def district_label(code: str | None, locale: str = "ko") -> str:
    if not code:
        return ""
    if code == OUTSIDE_SEOUL:
        return "서울 외" if locale == "ko" else "Outside Seoul"
    return code if locale == "ko" else DISTRICT_EN.get(code, code)
