"""A company's standing with the city: who may browse, who is listed, who may act.

The city's rules (issue 13, items 2 and 3):

- Needs and rankings are read by verified companies and staff only; a company
  still under review (or rejected, or suspended) is told why instead.
- The policy's "verified-only listing" governs both directions: which
  manufacturers' needs reach startups and which startups reach manufacturers.
  Rejected and suspended companies are never listed.
- A suspended company is read-only: no new needs, no new or answered pairings;
  it may still read, export or delete its own data.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.models import Organization, Policy, User
from app.models.enums import Role, VerificationStatus
from app.services.errors import PermissionDenied

# Without the verified-only policy, companies still under review are listed too.
LISTABLE_UNVERIFIED = (VerificationStatus.VERIFIED, VerificationStatus.PENDING)

NOT_VERIFIED = _l(
    "Your company is waiting for the city's verification. Open needs and rankings are shown "
    "to verified companies only."
)
SUSPENDED = _l(
    "The city suspended your company. You can read and export your data, but not post needs, "
    "send or answer requests until the suspension is lifted."
)


class NotVerified(PermissionDenied):
    """The actor's company may not yet (or no longer) see other companies' listings."""


class Suspended(PermissionDenied):
    """The actor's company is suspended: read-only."""


def listed_statuses(policy: Policy) -> tuple[str, ...]:
    if policy.only_verified_listed:
        return (VerificationStatus.VERIFIED,)
    return LISTABLE_UNVERIFIED


def is_listed(organization: Organization, policy: Policy) -> bool:
    """Whether the policy lets this company appear to the other side."""
    return organization.verification_status in listed_statuses(policy)


def may_browse(user: User) -> bool:
    """Staff, and users of verified companies, read needs and rankings."""
    if user.role == Role.STAFF:
        return True
    organization = user.organization
    return organization is not None and organization.is_verified


def is_suspended(user: User) -> bool:
    organization = user.organization
    return (
        user.role != Role.STAFF
        and organization is not None
        and organization.verification_status == VerificationStatus.SUSPENDED
    )


def require_browse(user: User) -> None:
    """Raises ``Suspended`` or ``NotVerified`` unless ``may_browse(user)``."""
    if is_suspended(user):
        raise Suspended(SUSPENDED)
    if not may_browse(user):
        raise NotVerified(NOT_VERIFIED)


def require_not_suspended(user: User) -> None:
    if is_suspended(user):
        raise Suspended(SUSPENDED)
