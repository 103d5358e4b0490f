"""Marshmallow schemas of the JSON API: what goes in, and the explicit field list of
everything that goes out (no model is ever dumped whole; ASVS 15.3.1)."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from app import limits
from app.models.enums import IotField, NeedStatus, PairingStage, PairingStatus, Role, Sector

SECTOR_CODES = [s.value for s in Sector]
IOT_CODES = [f.value for f in IotField]
NEED_STATUSES = [s.value for s in NeedStatus]


class StrictSchema(ma.Schema):
    """Unknown fields are refused, so a typo or a mass-assignment attempt is visible."""

    class Meta:
        unknown = ma.RAISE


# ------------------------------------------------------------------ errors


class ProblemSchema(ma.Schema):
    """An error as RFC 9457 ``application/problem+json``."""

    type = ma.fields.String(required=True, metadata={"example": "about:blank"})
    title = ma.fields.String(required=True)
    status = ma.fields.Integer(required=True)
    detail = ma.fields.String(required=True)
    request_id = ma.fields.String(allow_none=True)
    errors = ma.fields.Dict(metadata={"description": "Field errors of an invalid request"})


# ------------------------------------------------------------------ query arguments


class PageArgs(StrictSchema):
    limit = ma.fields.Integer(
        load_default=limits.API_PAGE_DEFAULT,
        validate=validate.Range(min=1, max=limits.API_PAGE_MAX),
        metadata={"description": "Items per page (1–100)"},
    )
    cursor = ma.fields.String(
        load_default=None,
        validate=validate.Length(min=1, max=200),
        metadata={"description": "Opaque cursor from the previous page's next_cursor"},
    )


class StartupMatchArgs(PageArgs):
    sector = ma.fields.String(
        load_default=None,
        validate=validate.OneOf(SECTOR_CODES),
        metadata={"description": "Only needs of this sector"},
    )


class InterestSchema(StrictSchema):
    message = ma.fields.String(
        load_default="",
        validate=validate.Length(max=limits.PAIRING_MESSAGE_MAX_LENGTH),
        metadata={"description": "A note to the manufacturer"},
    )
    consent_to_contact = ma.fields.Boolean(
        required=True,
        metadata={
            "description": "Consent to give your contact person to the manufacturer "
            "once the city approves the pairing"
        },
    )


# ------------------------------------------------------------------ open data


class CodeCountSchema(ma.Schema):
    code = ma.fields.String(required=True)
    count = ma.fields.Integer(required=True)


class SectorCompaniesSchema(ma.Schema):
    sector = ma.fields.String(required=True, validate=validate.OneOf(SECTOR_CODES))
    startups = ma.fields.Integer(required=True)
    manufacturers = ma.fields.Integer(required=True)


class CompanyStatsSchema(ma.Schema):
    verified_startups = ma.fields.Integer(required=True)
    verified_manufacturers = ma.fields.Integer(required=True)
    startups_by_iot_field = ma.fields.List(ma.fields.Nested(CodeCountSchema), required=True)
    by_sector = ma.fields.List(ma.fields.Nested(SectorCompaniesSchema), required=True)


class SectorStatusCountSchema(ma.Schema):
    sector = ma.fields.String(required=True, validate=validate.OneOf(SECTOR_CODES))
    status = ma.fields.String(required=True, validate=validate.OneOf(NEED_STATUSES))
    count = ma.fields.Integer(required=True)


class NeedStatsSchema(ma.Schema):
    total = ma.fields.Integer(required=True)
    by_status = ma.fields.List(ma.fields.Nested(CodeCountSchema), required=True)
    by_sector_and_status = ma.fields.List(ma.fields.Nested(SectorStatusCountSchema), required=True)


class FunnelMonthSchema(ma.Schema):
    month = ma.fields.String(required=True, metadata={"example": "2026-03"})
    requested = ma.fields.Integer(required=True)
    approved = ma.fields.Integer(required=True)
    pilot = ma.fields.Integer(required=True)
    commercialized = ma.fields.Integer(required=True)


class PairingStatsSchema(ma.Schema):
    months = ma.fields.List(ma.fields.Nested(FunnelMonthSchema), required=True)


POLICY_SETTINGS = [
    "weight_text",
    "weight_capability",
    "weight_sector",
    "weight_iot_field",
    "priority_boost",
    "min_score",
    "max_open_requests",
    "reminder_days",
    "priority_sectors",
    "only_verified_listed",
    "require_staff_approval",
]


class PolicyWeightsSchema(ma.Schema):
    text = ma.fields.Float(required=True)
    capability = ma.fields.Float(required=True)
    sector = ma.fields.Float(required=True)
    iot_field = ma.fields.Float(required=True)


class PolicyListingSchema(ma.Schema):
    only_verified_listed = ma.fields.Boolean(required=True)
    require_staff_approval = ma.fields.Boolean(required=True)
    max_open_requests = ma.fields.Integer(required=True)
    min_score = ma.fields.Float(required=True)
    reminder_days = ma.fields.Integer(required=True)


class PolicyVersionSchema(ma.Schema):
    version = ma.fields.Integer(required=True)
    published_at = ma.fields.DateTime(required=True)
    note = ma.fields.String(allow_none=True, required=True)
    changed = ma.fields.List(
        ma.fields.String(validate=validate.OneOf(POLICY_SETTINGS)),
        required=True,
        metadata={"description": "Settings this version changed from the one before"},
    )


class PolicySchema(PolicyVersionSchema):
    weights = ma.fields.Nested(
        PolicyWeightsSchema,
        required=True,
        metadata={"description": "Relative weights of the score's components"},
    )
    weight_shares = ma.fields.Nested(
        PolicyWeightsSchema,
        required=True,
        metadata={"description": "The same weights as shares of 1"},
    )
    priority_sectors = ma.fields.List(
        ma.fields.String(validate=validate.OneOf(SECTOR_CODES)), required=True
    )
    priority_boost = ma.fields.Float(
        required=True,
        metadata={"description": "A pair in a priority sector scores this share higher"},
    )
    listing = ma.fields.Nested(PolicyListingSchema, required=True)
    earlier_versions = ma.fields.List(ma.fields.Nested(PolicyVersionSchema), required=True)


# ------------------------------------------------------------------ token-authenticated


class OrganizationSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    kind = ma.fields.String(required=True)
    name = ma.fields.String(required=True)
    district = ma.fields.String(required=True)
    description = ma.fields.String(required=True)
    website = ma.fields.String(allow_none=True)
    verification_status = ma.fields.String(required=True)
    iot_field = ma.fields.String(allow_none=True)
    sectors = ma.fields.List(ma.fields.String(), required=True)
    capabilities = ma.fields.List(ma.fields.String(), required=True)


class ProfileSchema(ma.Schema):
    email = ma.fields.String(required=True)
    role = ma.fields.String(required=True, validate=validate.OneOf([r.value for r in Role]))
    locale = ma.fields.String(required=True)
    organization = ma.fields.Nested(OrganizationSchema, allow_none=True, required=True)


class NeedSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    title = ma.fields.String(required=True)
    description = ma.fields.String(required=True)
    sector = ma.fields.String(required=True)
    status = ma.fields.String(required=True, validate=validate.OneOf(NEED_STATUSES))
    required_capabilities = ma.fields.List(ma.fields.String(), required=True)
    budget_min_krw = ma.fields.Integer(allow_none=True)
    budget_max_krw = ma.fields.Integer(allow_none=True)
    deadline = ma.fields.Date(allow_none=True)
    district = ma.fields.String(required=True)
    manufacturer = ma.fields.String(required=True, metadata={"description": "Company name"})
    opened_at = ma.fields.DateTime(allow_none=True)
    updated_at = ma.fields.DateTime(required=True)


class NeedPageSchema(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(NeedSchema), required=True)
    next_cursor = ma.fields.String(allow_none=True, required=True)


class ReasonSchema(ma.Schema):
    kind = ma.fields.String(required=True)
    text = ma.fields.String(required=True)
    code = ma.fields.String(allow_none=True)


class StartupSummarySchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    name = ma.fields.String(required=True)
    iot_field = ma.fields.String(allow_none=True)
    district = ma.fields.String(required=True)
    sectors = ma.fields.List(ma.fields.String(), required=True)


class RankedStartupSchema(ma.Schema):
    startup_id = ma.fields.String(required=True)
    score = ma.fields.Float(required=True)
    reasons = ma.fields.List(ma.fields.String(), required=True)
    reason_details = ma.fields.List(ma.fields.Nested(ReasonSchema), required=True)
    startup = ma.fields.Nested(StartupSummarySchema, required=True)


class NeedMatchesSchema(ma.Schema):
    """``data/FORMAT.md``'s ranking line, plus details and paging."""

    need_id = ma.fields.String(required=True)
    matches = ma.fields.List(ma.fields.Nested(RankedStartupSchema), required=True)
    next_cursor = ma.fields.String(allow_none=True, required=True)


class NeedSummarySchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    title = ma.fields.String(required=True)
    sector = ma.fields.String(required=True)
    district = ma.fields.String(required=True)
    manufacturer = ma.fields.String(required=True)
    budget_max_krw = ma.fields.Integer(allow_none=True)
    deadline = ma.fields.Date(allow_none=True)


class RankedNeedSchema(ma.Schema):
    need_id = ma.fields.String(required=True)
    score = ma.fields.Float(required=True)
    reasons = ma.fields.List(ma.fields.String(), required=True)
    reason_details = ma.fields.List(ma.fields.Nested(ReasonSchema), required=True)
    need = ma.fields.Nested(NeedSummarySchema, required=True)


class StartupMatchesSchema(ma.Schema):
    startup_id = ma.fields.String(required=True)
    matches = ma.fields.List(ma.fields.Nested(RankedNeedSchema), required=True)
    next_cursor = ma.fields.String(allow_none=True, required=True)


class PairingSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    need_id = ma.fields.Integer(required=True)
    need_title = ma.fields.String(required=True)
    startup_id = ma.fields.Integer(required=True)
    startup_name = ma.fields.String(required=True)
    manufacturer_name = ma.fields.String(required=True)
    initiated_by = ma.fields.String(required=True)
    status = ma.fields.String(
        required=True, validate=validate.OneOf([s.value for s in PairingStatus])
    )
    stage = ma.fields.String(
        allow_none=True, validate=validate.OneOf([s.value for s in PairingStage])
    )
    requested_at = ma.fields.DateTime(required=True)
    decided_at = ma.fields.DateTime(allow_none=True)


class PairingPageSchema(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(PairingSchema), required=True)
    next_cursor = ma.fields.String(allow_none=True, required=True)
