"""Bulk import of companies and needs: parse → plan (the dry run) → apply (all or nothing).

Files are the JSON Lines of ``data/FORMAT.md`` or CSV with the same column
names (list fields separated by ``;``), in UTF-8 (with or without BOM) or
CP949, which Korean Excel writes. ``parse_upload`` and ``plan_import`` change
nothing; ``apply_import`` re-checks nothing is refused and writes every line
in one transaction. Companies are matched by 사업자등록번호, needs by their
manufacturer and title, so importing the same file twice updates instead of
duplicating.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app import limits
from app.extensions import db
from app.models import Need, Organization, Site, User
from app.models.enums import (
    DISTRICTS,
    IotField,
    NeedStatus,
    OrganizationKind,
    Sector,
    VerificationStatus,
)
from app.models.types import utcnow
from app.services import audit
from app.services.errors import Conflict, FieldError, InvalidTransition, NotFound, PermissionDenied
from app.services.staleness import request_recompute
from app.validators import (
    clean_text,
    has_control_characters,
    is_valid_brn,
    is_valid_email,
    normalize_brn,
)

logger = logging.getLogger(__name__)

FORMATS = ("jsonl", "csv")
KINDS = ("startup", "manufacturer", "need")
NEED_STATUSES = (NeedStatus.OPEN, NeedStatus.UNDER_REVIEW)
LIST_FIELDS = ("sectors", "capabilities", "required_capabilities")

_COMPANY_OPTIONAL = tuple(
    (
        "id type district description employees founded website contact_name contact_email "
        "contact_phone"
    ).split()
)
FIELDS = {
    "startup": {
        "required": ("name", "business_reg_no", "iot_field", "sectors", "description"),
        "optional": (*_COMPANY_OPTIONAL, "capabilities"),
    },
    "manufacturer": {
        "required": ("name", "business_reg_no", "sector"),
        "optional": (*_COMPANY_OPTIONAL, "sites"),
    },
    "need": {
        "required": ("manufacturer", "sector", "title", "description"),
        "optional": tuple(
            "id type required_capabilities district budget_krw budget_min_krw deadline".split()
        ),
    },
}
# The forms' limits (``app.limits``); codes and ids only need a sanity bound.
TEXT_LIMITS = {
    "name": limits.COMPANY_NAME_MAX_LENGTH,
    "manufacturer": limits.COMPANY_NAME_MAX_LENGTH,
    "title": limits.NEED_TITLE_MAX_LENGTH,
    "description": limits.DESCRIPTION_MAX_LENGTH,
    "website": limits.WEBSITE_MAX_LENGTH,
    "contact_name": limits.CONTACT_NAME_MAX_LENGTH,
    "contact_email": limits.EMAIL_MAX_LENGTH,
    "contact_phone": limits.PHONE_MAX_LENGTH,
    "id": 60,
    **dict.fromkeys(("type", "district", "business_reg_no", "iot_field"), 20),
    "sector": 40,
    "deadline": 10,
}
MULTILINE = ("description",)
# A manufacturer's sites (JSON Lines only): [{"name": …, "district": …, "processes": …}].
SITE_LIMITS = {"name": 100, "district": 20, "processes": 500}


# --- reading the file -------------------------------------------------------------------


def detect_format(filename: str | None) -> str:
    """``jsonl`` or ``csv`` from the uploaded name's extension; anything else is refused."""
    suffix = Path(filename or "").suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise FieldError("file", _l("Upload a .jsonl or .csv file."))
    return suffix


def decode_upload(data: bytes) -> str:
    """The file as text: UTF-8 (BOM or not), else CP949; binary files are refused."""
    if not data.strip():
        raise FieldError("file", _l("The file is empty."))
    if len(data) > limits.IMPORT_MAX_BYTES:
        raise FieldError("file", _l("Files may be at most 2 MB."))
    if data.startswith(b"PK\x03\x04"):
        raise FieldError(
            "file", _l("This is an Excel workbook, not CSV. Save it as CSV and upload again.")
        )
    if b"\x00" in data:
        raise FieldError("file", _l("This is not a text file."))
    for encoding in ("utf-8-sig", "cp949"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise FieldError("file", _l("The file is neither UTF-8 nor CP949 text."))
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\r\n")
    if controls > max(2, len(text) // 200):
        raise FieldError("file", _l("This is not a text file."))
    return text


@dataclass
class Line:
    """One record of the file: its line number, and the fields or why it could not be read."""

    number: int
    record: dict[str, Any] | None
    error: str | None = None


def _split_list(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


def _parse_jsonl(text: str) -> list[Line]:
    lines = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as error:
            lines.append(Line(number, None, str(_l("Not JSON (%(msg)s).", msg=error.msg))))
            continue
        except RecursionError:
            # Python's parser recurses once per level: 50,000 brackets exhaust the stack.
            lines.append(Line(number, None, str(_l("The JSON is nested too deeply."))))
            continue
        if not isinstance(record, dict):
            lines.append(Line(number, None, str(_l("Not a JSON object."))))
            continue
        lines.append(Line(number, record))
    return lines


def _parse_csv(text: str) -> list[Line]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [clean_text(name) for name in next(reader)]
    except StopIteration:
        raise FieldError("file", _l("The file is empty.")) from None
    except csv.Error as error:
        raise FieldError("file", _l("Line 1: %(msg)s", msg=str(error))) from None
    if not any(header) or len(set(header)) != len(header):
        raise FieldError("file", _l("Line 1: the header row needs distinct column names."))
    lines = []
    previous_end = reader.line_num
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            lines.append(Line(previous_end + 1, None, str(error)))
            break
        number, previous_end = previous_end + 1, reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            lines.append(Line(number, None, str(_l("More cells than columns in the header."))))
            continue
        record: dict[str, Any] = {}
        for name, cell in zip(header, row, strict=False):
            if cell.strip() == "":
                continue
            record[name] = _split_list(cell) if name in LIST_FIELDS else cell
        lines.append(Line(number, record))
    return lines


def parse_upload(data: bytes, fmt: str) -> list[Line]:
    """Reads every record; a record that cannot be read becomes a line with an error.

    Raises ``FieldError('file')`` when the file as a whole cannot be used.
    """
    if fmt not in FORMATS:
        raise FieldError("file", _l("Upload a .jsonl or .csv file."))
    text = decode_upload(data)
    lines = _parse_jsonl(text) if fmt == "jsonl" else _parse_csv(text)
    if not lines:
        raise FieldError("file", _l("The file has no records."))
    if len(lines) > limits.IMPORT_MAX_ROWS:
        raise FieldError(
            "file", _l("A file may hold at most %(n)s records.", n=limits.IMPORT_MAX_ROWS)
        )
    return lines


# --- the plan (dry run) -----------------------------------------------------------------


@dataclass
class Refusal:
    field: str
    reason: str


@dataclass
class PlanItem:
    """What one line would do: ``create``, ``update`` or ``refuse`` (with the reasons)."""

    line: int
    kind: str
    action: str = "create"
    name: str = ""
    values: dict[str, Any] = field(default_factory=dict)
    target_id: int | None = None
    refusals: list[Refusal] = field(default_factory=list)

    def refuse(self, field_name: str, reason: object) -> None:
        self.refusals.append(Refusal(field_name, str(reason)))
        self.action = "refuse"


@dataclass
class ImportPlan:
    items: list[PlanItem]

    def count(self, action: str) -> int:
        return sum(1 for item in self.items if item.action == action)

    @property
    def refused(self) -> list[PlanItem]:
        return [item for item in self.items if item.action == "refuse"]

    @property
    def can_apply(self) -> bool:
        return bool(self.items) and not self.refused


class _Reader:
    """Checks and cleans the fields of one record, noting refusals on the item."""

    def __init__(self, record: dict[str, Any], item: PlanItem) -> None:
        self.record, self.item = record, item

    def text(self, name: str, *, required: bool = False) -> str | None:
        value = self.record.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.item.refuse(name, _l("This field is required."))
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.item.refuse(name, _l("Expected text."))
            return None
        text = clean_text(str(value))
        if len(text) > TEXT_LIMITS.get(name, 200):
            self.item.refuse(
                name, _l("Too long (at most %(n)s characters).", n=TEXT_LIMITS.get(name, 200))
            )
            return None
        if has_control_characters(text, allow_newlines=name in MULTILINE):
            self.item.refuse(name, _l("Contains control characters."))
            return None
        return text

    def integer(self, name: str, low: int, high: int) -> int | None:
        value = self.record.get(name)
        if value is None or value == "":
            return None
        try:
            if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
                raise ValueError
            number = (
                int(str(value).replace(",", "").strip()) if isinstance(value, str) else int(value)
            )
        except (TypeError, ValueError):
            self.item.refuse(name, _l("Expected a whole number."))
            return None
        if not low <= number <= high:
            self.item.refuse(name, _l("Must be from %(low)s to %(high)s.", low=low, high=high))
            return None
        return number

    def tags(self, name: str, *, required: bool = False) -> list[str]:
        value = self.record.get(name)
        if value is None or value == []:
            if required:
                self.item.refuse(name, _l("This field is required."))
            return []
        if isinstance(value, str):
            value = _split_list(value)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.item.refuse(name, _l("Expected a list of text."))
            return []
        tags = list(dict.fromkeys(clean_text(v) for v in value if clean_text(v)))
        too_long = any(len(t) > limits.TAG_MAX_LENGTH for t in tags)
        if len(tags) > limits.TAG_MAX_COUNT or too_long or any(map(has_control_characters, tags)):
            self.item.refuse(
                name,
                _l(
                    "At most %(count)s entries of up to %(length)s characters.",
                    count=limits.TAG_MAX_COUNT,
                    length=limits.TAG_MAX_LENGTH,
                ),
            )
            return []
        if required and not tags:
            self.item.refuse(name, _l("This field is required."))
        return tags

    def sites(self, name: str) -> list[dict[str, str]] | None:
        value = self.record.get(name)
        if value is None or value == []:
            return None
        entries = value if isinstance(value, list) and len(value) <= 30 else [None]
        sites = []
        for entry in entries:
            if not isinstance(entry, dict) or set(entry) - set(SITE_LIMITS):
                self.item.refuse(name, _l("Expected a list of sites (name, district, processes)."))
                return None
            site = {key: clean_text(str(entry.get(key) or "")) for key in SITE_LIMITS}
            if (
                not site["name"]
                or site["district"] not in DISTRICTS
                or any(len(site[key]) > limit for key, limit in SITE_LIMITS.items())
                or any(has_control_characters(text) for text in site.values())
            ):
                self.item.refuse(name, _l("Each site needs a name and a district."))
                return None
            sites.append(site)
        return sites

    def code(self, name: str, allowed: Iterable[str], *, required: bool = False) -> str | None:
        value = self.text(name, required=required)
        if value is not None and value not in set(allowed):
            self.item.refuse(name, _l("Unknown code %(code)s.", code=value))
            return None
        return value


def _company_values(reader: _Reader, kind: str) -> dict[str, Any]:
    values: dict[str, Any] = {
        "name": reader.text("name", required=True),
        "district": reader.code("district", DISTRICTS),
        "description": reader.text("description", required=kind == "startup"),
        "employees": reader.integer("employees", 0, 1_000_000),
        "founded_year": reader.integer("founded", 1900, date.today().year),
        "website": reader.text("website"),
        "contact_name": reader.text("contact_name"),
        "contact_email": reader.text("contact_email"),
        "contact_phone": reader.text("contact_phone"),
    }
    brn = reader.text("business_reg_no", required=True)
    if brn is not None:
        if is_valid_brn(brn):
            values["business_reg_no"] = normalize_brn(brn)
        else:
            reader.item.refuse(
                "business_reg_no",
                _l("Not a valid business registration number (10 digits with check digit)."),
            )
    if values["website"] and not values["website"].startswith(("https://", "http://")):
        reader.item.refuse("website", _l("A web address starts with https://."))
    if values["contact_email"] and not is_valid_email(values["contact_email"]):
        reader.item.refuse("contact_email", _l("Not an e-mail address."))
    if kind == "startup":
        values["iot_field"] = reader.code("iot_field", [f.value for f in IotField], required=True)
        sectors = reader.tags("sectors", required=True)
        unknown = [code for code in sectors if code not in set(Sector)]
        if unknown:
            reader.item.refuse("sectors", _l("Unknown sector %(code)s.", code=unknown[0]))
        values["sectors"] = sectors
        values["capabilities"] = reader.tags("capabilities")
    else:
        values["sector"] = reader.code("sector", [s.value for s in Sector], required=True)
        values["sites"] = reader.sites("sites")
    # Absent optional fields leave an existing company's value alone.
    return {key: value for key, value in values.items() if value is not None}


def _plan_company(item: PlanItem, reader: _Reader, seen_brns: set[str]) -> None:
    item.values = _company_values(reader, item.kind)
    item.name = item.values.get("name", "")
    brn = item.values.get("business_reg_no")
    if brn is None:
        return
    if brn in seen_brns:
        item.refuse("business_reg_no", _l("This registration number appears on an earlier line."))
        return
    seen_brns.add(brn)
    existing = db.session.scalar(select(Organization).where(Organization.business_reg_no == brn))
    if existing is None:
        if "district" not in item.values:
            item.refuse("district", _l("Required for a new company."))
        if item.action != "refuse":
            item.action = "create"
        return
    if existing.kind != item.kind:
        item.refuse("business_reg_no", _l("Already registered as a company of another kind."))
        return
    item.target_id = existing.id
    if item.action != "refuse":
        item.action = "update"


def _plan_need(
    item: PlanItem, reader: _Reader, new_manufacturers: set[str], seen: set[tuple[str, str]]
) -> None:
    values: dict[str, Any] = {
        "manufacturer": reader.text("manufacturer", required=True),
        "sector": reader.code("sector", [s.value for s in Sector], required=True),
        "title": reader.text("title", required=True),
        "description": reader.text("description", required=True),
        "required_capabilities": reader.tags("required_capabilities"),
        "district": reader.code("district", DISTRICTS),
        "budget_max_krw": reader.integer("budget_krw", 0, 10**12),
        "budget_min_krw": reader.integer("budget_min_krw", 0, 10**12),
    }
    deadline = reader.text("deadline")
    if deadline is not None:
        try:
            values["deadline"] = date.fromisoformat(deadline)
        except ValueError:
            item.refuse("deadline", _l("Expected a date like 2026-12-31."))
    low, high = values["budget_min_krw"], values["budget_max_krw"]
    if low is not None and high is not None and low > high:
        item.refuse("budget_min_krw", _l("The lowest budget is above the highest."))
    item.values = {key: value for key, value in values.items() if value is not None}
    item.name = item.values.get("title", "")
    name, title = item.values.get("manufacturer"), item.values.get("title")
    if name is None or title is None:
        return
    if (name, title) in seen:
        item.refuse("title", _l("The same manufacturer and title appear on an earlier line."))
        return
    seen.add((name, title))
    manufacturers = db.session.scalars(
        select(Organization).where(
            Organization.kind == OrganizationKind.MANUFACTURER, Organization.name == name
        )
    ).all()
    if len(manufacturers) > 1:
        item.refuse("manufacturer", _l("Several manufacturers have this name."))
        return
    if not manufacturers:
        if name not in new_manufacturers:
            item.refuse("manufacturer", _l("No manufacturer has this name."))
        elif item.action != "refuse":
            item.action = "create"
        return
    existing = db.session.scalar(
        select(Need).where(Need.organization_id == manufacturers[0].id, Need.title == title)
    )
    if item.action == "refuse":
        return
    if existing is None:
        item.action = "create"
    else:
        item.action, item.target_id = "update", existing.id


def plan_import(lines: list[Line], default_kind: str) -> ImportPlan:
    """What importing ``lines`` would do, line by line; nothing is written.

    A line's ``type`` field (startup, manufacturer, need) overrides ``default_kind``,
    so one file may hold manufacturers and then their needs.
    """
    if default_kind not in KINDS:
        raise FieldError("kind", _l("Choose what the file holds."))
    items: list[PlanItem] = []
    seen_brns: set[str] = set()
    seen_needs: set[tuple[str, str]] = set()
    new_manufacturers: set[str] = set()
    for line in lines:
        record = line.record or {}
        kind = record.get("type") or default_kind
        item = PlanItem(line=line.number, kind=kind if kind in KINDS else default_kind)
        items.append(item)
        if line.error is not None:
            item.refuse("-", line.error)
            continue
        if kind not in KINDS:
            item.refuse("type", _l("Unknown type %(code)s.", code=str(kind)[:20]))
            continue
        allowed = set(FIELDS[kind]["required"]) | set(FIELDS[kind]["optional"])
        for name in record:
            if name not in allowed:
                item.refuse(str(name)[:40], _l("Unknown field."))
        reader = _Reader(record, item)
        if kind == "need":
            _plan_need(item, reader, new_manufacturers, seen_needs)
        else:
            _plan_company(item, reader, seen_brns)
            if kind == "manufacturer" and item.action != "refuse":
                new_manufacturers.add(item.values["name"])
    return ImportPlan(items)


# --- applying ---------------------------------------------------------------------------


def _apply_company(item: PlanItem, *, mark_verified: bool) -> Organization:
    values = dict(item.values)
    sectors = values.pop("sectors", None)
    sites = values.pop("sites", [])
    now = utcnow()
    if item.action == "update":
        organization = db.session.get(Organization, item.target_id)
        if organization is None:
            raise Conflict(_l("The data changed since the dry run. Please upload again."))
    else:
        organization = Organization(
            kind=item.kind,
            verification_status=VerificationStatus.PENDING,
            description="",
        )
        db.session.add(organization)
    for key, value in values.items():
        setattr(organization, key, value)
    if sectors is not None:
        organization.sectors = sectors
    # Sites are added by name; a re-import never removes one (needs may point to it).
    known = {site.name for site in organization.sites}
    organization.sites.extend(Site(**site) for site in sites if site["name"] not in known)
    if mark_verified and organization.verification_status == VerificationStatus.PENDING:
        organization.verification_status = VerificationStatus.VERIFIED
        organization.verified_at = now
    return organization


def _apply_need(item: PlanItem, *, need_status: str, manufacturers: dict[str, int]) -> Need:
    values = dict(item.values)
    manufacturer_name = values.pop("manufacturer")
    district = values.pop("district", None)
    if item.action == "update":
        need = db.session.get(Need, item.target_id)
        if need is None:
            raise Conflict(_l("The data changed since the dry run. Please upload again."))
    else:
        organization_id = manufacturers.get(manufacturer_name) or db.session.scalar(
            select(Organization.id).where(
                Organization.kind == OrganizationKind.MANUFACTURER,
                Organization.name == manufacturer_name,
            )
        )
        organization = db.session.get(Organization, organization_id)
        if organization is None:
            raise Conflict(_l("The data changed since the dry run. Please upload again."))
        now = utcnow()
        need = Need(
            organization=organization,
            status=need_status,
            submitted_at=now,
            opened_at=now if need_status == NeedStatus.OPEN else None,
        )
        db.session.add(need)
    for key, value in values.items():
        setattr(need, key, value)
    with db.session.no_autoflush:
        sites = need.organization.sites
        site = next((s for s in sites if s.district == district), None) if district else None
        if site is not None or need.site is None:
            need.site = site or (sites[0] if sites else None)
    return need


def apply_import(
    plan: ImportPlan, *, actor: User, mark_verified: bool = False, need_status: str = "open"
) -> dict[str, int]:
    """Writes every line of ``plan`` in one transaction, or nothing.

    Staff only (``PermissionDenied``); a plan with a refused line raises
    ``InvalidTransition``; a clash with a concurrent change raises ``Conflict`` and
    writes nothing. Audits ``import.applied`` with the counts and marks the
    imported startups and needs for recomputation. Returns the counts.
    """
    if actor is None or not actor.is_staff:
        raise PermissionDenied(_l("Only city staff may import data."))
    if not plan.can_apply:
        raise InvalidTransition(_l("Fix the refused lines first; nothing was imported."))
    if need_status not in NEED_STATUSES:
        raise FieldError("need_status", _l("Choose open or under review."))
    counts = {"created": 0, "updated": 0, "startups": 0, "manufacturers": 0, "needs": 0}
    manufacturers: dict[str, int] = {}
    startup_ids: list[int] = []
    need_ids: list[int] = []
    try:
        for item in plan.items:
            if item.kind == "need":
                need = _apply_need(item, need_status=need_status, manufacturers=manufacturers)
                db.session.flush()
                need_ids.append(need.id)
            else:
                organization = _apply_company(item, mark_verified=mark_verified)
                db.session.flush()
                if item.kind == "manufacturer":
                    manufacturers[organization.name] = organization.id
                    need_ids.extend(n.id for n in organization.needs)
                else:
                    startup_ids.append(organization.id)
            counts[item.action + "d"] += 1
            counts[item.kind + "s"] += 1
        audit.record("import.applied", "import", None, actor=actor, detail=dict(counts))
        request_recompute(need_ids=set(need_ids), startup_ids=startup_ids)
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        logger.exception("import clashed with the database")
        raise Conflict(_l("The data changed since the dry run. Please upload again.")) from None
    except Exception:
        db.session.rollback()
        raise
    return counts


# --- keeping the upload between dry run and apply ---------------------------------------


def store_upload(data: bytes, directory: str | Path) -> str:
    """Keeps the bytes under a generated name (never the user's); returns the token."""
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    cutoff = time.time() - limits.IMPORT_UPLOAD_MAX_AGE_SECONDS
    for old in folder.glob("*.upload"):
        if old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)
    token = uuid.uuid4().hex
    (folder / f"{token}.upload").write_bytes(data)
    return token


def _upload_path(token: str, directory: str | Path) -> Path:
    try:
        valid = uuid.UUID(hex=token).hex == token
    except (ValueError, TypeError):
        valid = False
    if not valid:
        raise NotFound(_l("This upload does not exist any more. Please upload again."))
    return Path(directory) / f"{token}.upload"


def load_upload(token: str, directory: str | Path) -> bytes:
    """The bytes of a stored upload; ``NotFound`` when it is gone."""
    path = _upload_path(token, directory)
    if not path.is_file():
        raise NotFound(_l("This upload does not exist any more. Please upload again."))
    return path.read_bytes()


def delete_upload(token: str, directory: str | Path) -> None:
    """Removes a stored upload once imported (nothing happens when it is gone)."""
    _upload_path(token, directory).unlink(missing_ok=True)
