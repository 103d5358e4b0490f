"""Bulk import: parse → plan (dry run) → apply all or nothing, as services and through pages."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from app import limits
from app.extensions import db
from app.models import AuditEvent, Need, Organization
from app.services import imports
from app.services.errors import FieldError, InvalidTransition
from tests.factories import valid_brn

BRN_A, BRN_B, BRN_M = valid_brn(501), valid_brn(502), valid_brn(503)
BAD_BRN = BRN_A[:9] + str((int(BRN_A[9]) + 1) % 10)


def startup_line(**changes: Any) -> dict[str, Any]:
    line = {
        "id": "s-017",
        "name": "엣지센스",
        "business_reg_no": BRN_A,
        "iot_field": "device",
        "sectors": ["automotive_transport", "machinery_robotics"],
        "description": "진동·온도 센서와 엣지 게이트웨이로 설비 이상을 실시간 감지합니다.",
        "capabilities": ["vibration sensing", "예지보전"],
        "district": "금천구",
        "employees": 12,
        "founded": 2021,
    }
    line.update(changes)
    return line


def jsonl(*records: dict[str, Any]) -> bytes:
    return "\n".join(json.dumps(r, ensure_ascii=False) for r in records).encode("utf-8")


MIXED = [
    {
        "type": "manufacturer",
        "name": "문래정밀",
        "business_reg_no": BRN_M,
        "sector": "metal_processing",
        "district": "영등포구",
    },
    {
        "type": "need",
        "manufacturer": "문래정밀",
        "sector": "metal_processing",
        "title": "CNC 공구 마모 조기 경보",
        "description": "야간 무인 가공 중 공구 파손.",
        "required_capabilities": ["vibration sensing"],
        "budget_krw": 30000000,
    },
]

CSV_TEXT = (
    "name,business_reg_no,iot_field,sectors,description,capabilities,district\r\n"
    f"엣지센스,{BRN_A},device,automotive_transport;machinery_robotics,"
    '"진동 센서, 엣지 게이트웨이",예지보전;OPC UA,금천구\r\n'
    f"데이터팩토리,{BRN_B},platform,food_consumer,공정 데이터 플랫폼,,마포구\r\n"
)


def count(model: type) -> int:
    return db.session.scalar(select(func.count()).select_from(model)) or 0


# --- services -----------------------------------------------------------------------------


def test_plan_then_apply_creates_and_reimport_updates(
    make_staff: Callable, in_request: None
) -> None:
    data = jsonl(startup_line(), *MIXED)
    plan = imports.plan_import(imports.parse_upload(data, "jsonl"), "startup")
    assert [(i.line, i.kind, i.action) for i in plan.items] == [
        (1, "startup", "create"),
        (2, "manufacturer", "create"),
        (3, "need", "create"),
    ]
    assert count(Organization) == 0  # the dry run wrote nothing
    staff = make_staff()
    counts = imports.apply_import(plan, actor=staff, need_status="under_review")
    assert counts["created"] == 3
    startup = db.session.scalar(select(Organization).where(Organization.business_reg_no == BRN_A))
    assert startup.sectors == ["automotive_transport", "machinery_robotics"]
    assert startup.verification_status == "pending" and startup.users == []
    assert startup.matches_stale_at is not None
    need = db.session.scalar(select(Need))
    assert need.organization.name == "문래정밀" and need.status == "under_review"
    assert need.budget_max_krw == 30000000
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "import.applied"))
    assert event.actor_id == staff.id and event.detail["created"] == 3

    again = jsonl(startup_line(name="엣지센스 주식회사"), *MIXED)
    plan = imports.plan_import(imports.parse_upload(again, "jsonl"), "startup")
    assert [i.action for i in plan.items] == ["update", "update", "update"]
    imports.apply_import(plan, actor=staff, mark_verified=True)
    assert count(Organization) == 2 and count(Need) == 1
    db.session.refresh(startup)
    assert startup.name == "엣지센스 주식회사" and startup.verification_status == "verified"


def test_refused_lines_name_line_and_field_and_nothing_is_applied(
    make_staff: Callable, in_request: None
) -> None:
    data = (
        jsonl(
            startup_line(),
            startup_line(business_reg_no=BAD_BRN, name="틀린번호"),
            startup_line(business_reg_no=BRN_B, sectors=["spaceflight"]),
            {"name": "빠진필드"},
        )
        + b"\n{not json\n"
        + jsonl(
            {
                "type": "need",
                "manufacturer": "없는회사",
                "sector": "metal_processing",
                "title": "t",
                "description": "d",
            }
        )
    )
    plan = imports.plan_import(imports.parse_upload(data, "jsonl"), "startup")
    refusals = {(i.line, r.field) for i in plan.items for r in i.refusals}
    assert (2, "business_reg_no") in refusals
    assert (3, "sectors") in refusals
    assert {(4, "business_reg_no"), (4, "iot_field"), (4, "description")} <= refusals
    assert (5, "-") in refusals
    assert (6, "manufacturer") in refusals
    assert plan.items[0].action == "create" and not plan.can_apply
    with pytest.raises(InvalidTransition):
        imports.apply_import(plan, actor=make_staff())
    assert count(Organization) == 0


def test_manufacturer_sites_are_imported_and_needs_land_on_the_site_of_their_district(
    make_staff: Callable, in_request: None
) -> None:
    sites = [
        {"name": "문래동2가 공장", "district": "영등포구", "processes": "CNC 선반 12대"},
        {"name": "시화 2공장", "district": "outside_seoul"},
    ]
    maker = {**MIXED[0], "sites": sites}
    need = {**MIXED[1], "district": "outside_seoul"}
    staff = make_staff()
    imports.apply_import(
        imports.plan_import(imports.parse_upload(jsonl(maker, need), "jsonl"), "manufacturer"),
        actor=staff,
    )
    organization = db.session.scalar(select(Organization))
    assert [(s.name, s.district, s.processes) for s in organization.sites] == [
        ("문래동2가 공장", "영등포구", "CNC 선반 12대"),
        ("시화 2공장", "outside_seoul", ""),
    ]
    assert db.session.scalar(select(Need)).site.name == "시화 2공장"

    # Importing again adds only a site of a new name and never removes one.
    again = {**maker, "sites": [sites[1], {"name": "성수 창고", "district": "성동구"}]}
    imports.apply_import(
        imports.plan_import(imports.parse_upload(jsonl(again), "jsonl"), "manufacturer"),
        actor=staff,
    )
    db.session.refresh(organization)
    assert [s.name for s in organization.sites] == ["문래동2가 공장", "시화 2공장", "성수 창고"]


@pytest.mark.parametrize(
    "sites",
    [
        "문래동 공장",
        [{"name": "문래동 공장"}],
        [{"name": "", "district": "영등포구"}],
        [{"name": "문래동 공장", "district": "Gotham"}],
        [{"name": "문래동 공장", "district": "영등포구", "floor": 2}],
        [{"name": "x" * 101, "district": "영등포구"}],
    ],
)
def test_malformed_sites_refuse_the_line(sites: Any, in_request: None) -> None:
    plan = imports.plan_import(
        imports.parse_upload(jsonl({**MIXED[0], "sites": sites}), "jsonl"), "manufacturer"
    )
    assert [r.field for r in plan.items[0].refusals] == ["sites"]


def test_startup_without_registration_number_is_refused(in_request: None) -> None:
    record = startup_line()
    del record["business_reg_no"]
    plan = imports.plan_import(imports.parse_upload(jsonl(record), "jsonl"), "startup")
    assert [(r.field, r.reason) for r in plan.items[0].refusals] == [
        ("business_reg_no", "This field is required.")
    ]


def test_csv_in_utf8_bom_and_cp949_reads_the_same(in_request: None) -> None:
    plain = imports.parse_upload(CSV_TEXT.encode("utf-8"), "csv")
    bom = imports.parse_upload(b"\xef\xbb\xbf" + CSV_TEXT.encode("utf-8"), "csv")
    cp949 = imports.parse_upload(CSV_TEXT.encode("cp949"), "csv")
    assert (
        [line.record for line in plain]
        == [line.record for line in bom]
        == [line.record for line in cp949]
    )
    assert plain[0].number == 2 and plain[0].record["sectors"] == [
        "automotive_transport",
        "machinery_robotics",
    ]
    assert plain[0].record["description"] == "진동 센서, 엣지 게이트웨이"
    assert "capabilities" not in plain[1].record


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "logo.csv"),
        (b"PK\x03\x04rest", "book.csv"),
        (b"", "empty.csv"),
        (b"\xff\xfe\xfa\xfb\xfc", "odd.jsonl"),
        (b"a,b\n1,2", "data.xlsx"),
    ],
)
def test_files_that_are_not_usable_text_are_refused(
    data: bytes, filename: str, in_request: None
) -> None:
    with pytest.raises(FieldError) as error:
        imports.parse_upload(data, imports.detect_format(filename))
    assert error.value.field == "file"


def test_too_many_rows_are_refused(in_request: None) -> None:
    data = ("name\n" + "x\n" * (limits.IMPORT_MAX_ROWS + 1)).encode()
    with pytest.raises(FieldError):
        imports.parse_upload(data, "csv")


def test_uploads_are_stored_under_generated_names(tmp_path: Path, in_request: None) -> None:
    tmp_path = tmp_path / "uploads"
    token = imports.store_upload(b"abc", tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == [f"{token}.upload"]
    assert imports.load_upload(token, tmp_path) == b"abc"
    imports.delete_upload(token, tmp_path)
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(imports.NotFound):
        imports.load_upload("../../etc/passwd", tmp_path)


# --- pages --------------------------------------------------------------------------------


def upload(client: Any, data: bytes, filename: str, kind: str = "startup") -> Any:
    return client.post(
        "/staff/import?lang=en",
        data={"kind": kind, "file": (io.BytesIO(data), filename)},
        content_type="multipart/form-data",
    )


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (jsonl(startup_line(), startup_line(business_reg_no=BRN_B, name="둘째")), "s.jsonl"),
        (CSV_TEXT.encode("utf-8"), "startups.csv"),
        (CSV_TEXT.encode("cp949"), "엑셀.csv"),
    ],
)
def test_upload_dry_run_then_import(
    login_as: Callable, make_staff: Callable, app: Any, data: bytes, filename: str
) -> None:
    client = login_as(make_staff(locale="en"))
    response = upload(client, data, filename)
    assert response.status_code == 302
    review_url = response.headers["Location"]
    token = review_url.split("/staff/import/")[1].split("?")[0]
    stored = list(Path(app.config["IMPORT_DIR"]).iterdir())
    assert [p.name for p in stored] == [f"{token}.upload"]
    review = client.get(review_url).get_data(as_text=True)
    assert "2 to create" in review and "Import all 2 lines" in review
    assert count(Organization) == 0
    response = client.post(
        f"/staff/import/{token}",
        data={"fmt": filename.rsplit(".", 1)[1], "kind": "startup", "need_status": "open"},
    )
    assert response.status_code == 302
    assert count(Organization) == 2
    assert list(Path(app.config["IMPORT_DIR"]).iterdir()) == []
    assert "Imported: 2 created, 0 updated." in client.get("/staff/import?lang=en").get_data(
        as_text=True
    )


def test_bad_line_is_named_and_import_is_not_offered(
    login_as: Callable, make_staff: Callable
) -> None:
    client = login_as(make_staff(locale="en"))
    data = jsonl(startup_line(), startup_line(business_reg_no=BAD_BRN))
    review_url = upload(client, data, "s.jsonl").headers["Location"]
    html = client.get(review_url).get_data(as_text=True)
    assert "line 2, field business_reg_no: Not a valid business registration number" in html
    assert "Import all" not in html and "nothing can be imported" in html
    token = review_url.split("/staff/import/")[1].split("?")[0]
    response = client.post(
        f"/staff/import/{token}", data={"fmt": "jsonl", "kind": "startup", "need_status": "open"}
    )
    assert response.status_code == 200
    assert count(Organization) == 0


def test_binary_file_named_csv_is_refused_on_the_form(
    login_as: Callable, make_staff: Callable, app: Any
) -> None:
    client = login_as(make_staff(locale="en"))
    response = upload(client, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01", "data.csv")
    assert response.status_code == 200
    assert "This is not a text file." in response.get_data(as_text=True)
    assert not Path(app.config["IMPORT_DIR"]).exists()


def test_oversized_upload_is_413(login_as: Callable, make_staff: Callable) -> None:
    client = login_as(make_staff(locale="en"))
    body = (
        b'--b\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\n\r\n'
        + b"a" * (2 * 1024 * 1024 + 10)
        + b"\r\n--b--\r\n"
    )
    # An in-memory stream: the test client spools large bodies to a temporary file otherwise.
    response = client.post(
        "/staff/import",
        input_stream=io.BytesIO(body),
        content_length=len(body),
        content_type="multipart/form-data; boundary=b",
    )
    assert response.status_code == 413


def test_unknown_upload_token_goes_back_to_the_form(
    login_as: Callable, make_staff: Callable
) -> None:
    client = login_as(make_staff(locale="en"))
    response = client.get("/staff/import/0123456789abcdef0123456789abcdef?fmt=csv&kind=startup")
    assert response.status_code == 302 and response.headers["Location"] == "/staff/import"
    assert client.get("/staff/import/not-a-token?fmt=csv&kind=startup").status_code == 302
