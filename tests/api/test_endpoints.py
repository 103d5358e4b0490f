"""Every endpoint's happy path and refusals: tokens, roles, others' objects, bodies."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Pairing
from app.models.enums import NeedStatus, PairingStatus
from app.services import api_tokens
from tests.api.helpers import bearer, store_match, token_for

PROBLEM = "application/problem+json"


def assert_problem(response, status):
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == PROBLEM
    body = response.get_json()
    assert body["status"] == status
    assert body["title"] and body["detail"] and body["type"]
    return body


@pytest.fixture
def world(make_startup, make_manufacturer, make_need):
    startup, startup_user = make_startup()
    maker, maker_user = make_manufacturer()
    other_maker, other_maker_user = make_manufacturer()
    need = make_need(maker)
    draft = make_need(maker, status=NeedStatus.DRAFT, title="비공개 초안", opened_at=None)
    other_need = make_need(other_maker)
    return {
        "startup": startup,
        "startup_token": token_for(startup_user),
        "maker": maker,
        "maker_token": token_for(maker_user),
        "other_maker_token": token_for(other_maker_user),
        "need": need,
        "draft": draft,
        "other_need": other_need,
    }


TOKEN_ENDPOINTS = [
    ("get", "/api/v1/me"),
    ("get", "/api/v1/needs"),
    ("get", "/api/v1/needs/1"),
    ("get", "/api/v1/needs/1/matches"),
    ("get", "/api/v1/matches"),
    ("get", "/api/v1/pairings"),
    ("post", "/api/v1/needs/1/interest"),
]


# ------------------------------------------------------------------ authentication


@pytest.mark.parametrize(("method", "url"), TOKEN_ENDPOINTS)
def test_token_endpoints_refuse_requests_without_a_valid_token(client, world, method, url):
    call = getattr(client, method)
    assert_problem(call(url), 401)
    assert_problem(call(url, headers={"Authorization": "Bearer siim_wrong"}), 401)
    assert_problem(call(url, headers={"Authorization": world["maker_token"]}), 401)


@pytest.mark.parametrize(("method", "url"), TOKEN_ENDPOINTS)
def test_a_token_in_the_url_is_refused_even_when_valid(client, world, method, url):
    response = getattr(client, method)(f"{url}?token={world['maker_token']}")
    assert_problem(response, 401)


def test_a_revoked_token_is_refused(client, world, make_startup):
    _, user = make_startup()
    token, plaintext = api_tokens.create_token(user, "x")
    api_tokens.revoke_token(user, token.id)
    assert_problem(client.get("/api/v1/me", headers=bearer(plaintext)), 401)


def test_a_logged_in_browser_session_gives_no_api_access(login_as, world, make_startup):
    _, user = make_startup()
    client = login_as(user)
    assert client.get("/me").status_code == 200  # the session itself works
    assert_problem(client.get("/api/v1/me"), 401)
    assert_problem(client.post("/api/v1/needs/1/interest", json={}), 401)


def test_token_endpoints_need_no_csrf_token(app, client, world):
    app.config["WTF_CSRF_ENABLED"] = True
    response = client.post(
        f"/api/v1/needs/{world['need'].id}/interest",
        json={"message": "hi", "consent_to_contact": True},
        headers=bearer(world["startup_token"]),
    )
    assert response.status_code == 201


def test_personal_answers_are_never_cached(client, world):
    response = client.get("/api/v1/me", headers=bearer(world["maker_token"]))
    assert response.headers["Cache-Control"] == "private, no-store"


# ------------------------------------------------------------------ /me


def test_me_returns_the_profile_without_contact_details(client, world):
    response = client.get("/api/v1/me", headers=bearer(world["maker_token"]))
    assert response.status_code == 200
    body = response.get_json()
    assert body["role"] == "manufacturer"
    assert body["organization"]["id"] == world["maker"].id
    raw = response.get_data(as_text=True)
    assert world["maker"].contact_email not in raw
    assert world["maker"].contact_phone not in raw
    assert "password" not in raw


# ------------------------------------------------------------------ needs


def test_a_manufacturer_lists_its_own_needs_in_any_status_and_pages(client, world, make_need):
    for n in range(3):
        make_need(world["maker"], title=f"추가 {n}")
    headers = bearer(world["maker_token"])
    first = client.get("/api/v1/needs?limit=2", headers=headers).get_json()
    assert len(first["items"]) == 2 and first["next_cursor"]
    seen = [n["id"] for n in first["items"]]
    cursor = first["next_cursor"]
    while cursor:
        page = client.get(f"/api/v1/needs?limit=2&cursor={cursor}", headers=headers).get_json()
        seen += [n["id"] for n in page["items"]]
        cursor = page["next_cursor"]
    assert world["draft"].id in seen
    assert world["other_need"].id not in seen
    assert len(seen) == len(set(seen)) == 5


def test_the_needs_list_is_for_manufacturers(client, world):
    assert_problem(client.get("/api/v1/needs", headers=bearer(world["startup_token"])), 403)


@pytest.mark.parametrize("query", ["limit=0", "limit=101", "limit=x", "cursor=%%%", "cursor=WzFd0"])
def test_bad_paging_values_are_refused_with_a_problem(client, world, query):
    response = client.get(f"/api/v1/needs?{query}", headers=bearer(world["maker_token"]))
    assert response.status_code in (400, 422)
    assert_problem(response, response.status_code)


def test_own_need_is_readable_and_another_companys_is_not_found(client, world):
    headers = bearer(world["maker_token"])
    own = client.get(f"/api/v1/needs/{world['draft'].id}", headers=headers)
    assert own.status_code == 200 and own.get_json()["status"] == "draft"
    other = client.get(f"/api/v1/needs/{world['other_need'].id}", headers=headers)
    body = assert_problem(other, 404)
    assert world["other_need"].title not in str(body)


def test_a_startup_reads_open_needs_but_not_drafts(client, world):
    headers = bearer(world["startup_token"])
    assert client.get(f"/api/v1/needs/{world['need'].id}", headers=headers).status_code == 200
    assert_problem(client.get(f"/api/v1/needs/{world['draft'].id}", headers=headers), 404)
    assert_problem(client.get("/api/v1/needs/999999", headers=headers), 404)


# ------------------------------------------------------------------ matches


def test_the_owner_gets_ranked_startups_in_the_matching_format(client, world, make_startup):
    better, _ = make_startup()
    store_match(world["need"].id, world["startup"].id, 0.5)
    store_match(world["need"].id, better.id, 0.9)
    store_match(world["other_need"].id, world["startup"].id, 0.7)

    response = client.get(
        f"/api/v1/needs/{world['need'].id}/matches?limit=1", headers=bearer(world["maker_token"])
    )

    body = response.get_json()
    assert response.status_code == 200
    assert body["need_id"] == str(world["need"].id)
    assert [m["startup_id"] for m in body["matches"]] == [str(better.id)]
    assert body["matches"][0]["score"] == 0.9
    assert body["matches"][0]["reasons"] == ["같은 업종: 자동차/교통"]
    second = client.get(
        f"/api/v1/needs/{world['need'].id}/matches?limit=1&cursor={body['next_cursor']}",
        headers=bearer(world["maker_token"]),
    ).get_json()
    assert [m["startup_id"] for m in second["matches"]] == [str(world["startup"].id)]
    assert second["next_cursor"] is None
    assert world["startup"].contact_email not in str(body) + str(second)


def test_matches_of_another_companys_need_are_not_found(client, world):
    store_match(world["other_need"].id, world["startup"].id, 0.7)
    response = client.get(
        f"/api/v1/needs/{world['other_need'].id}/matches", headers=bearer(world["maker_token"])
    )
    assert_problem(response, 404)


def test_a_startup_may_not_read_a_needs_ranking(client, world):
    response = client.get(
        f"/api/v1/needs/{world['need'].id}/matches", headers=bearer(world["startup_token"])
    )
    assert_problem(response, 403)


def test_a_startup_gets_its_ranked_open_needs(client, world):
    store_match(world["need"].id, world["startup"].id, 0.4)
    store_match(world["other_need"].id, world["startup"].id, 0.8)
    store_match(world["draft"].id, world["startup"].id, 0.99)  # never listed: a draft

    response = client.get("/api/v1/matches", headers=bearer(world["startup_token"]))

    body = response.get_json()
    assert body["startup_id"] == str(world["startup"].id)
    assert [m["need_id"] for m in body["matches"]] == [
        str(world["other_need"].id),
        str(world["need"].id),
    ]
    assert "비공개 초안" not in response.get_data(as_text=True)
    only_food = client.get(
        "/api/v1/matches?sector=food_consumer", headers=bearer(world["startup_token"])
    )
    assert only_food.get_json()["matches"] == []


def test_the_startup_ranking_is_for_startups(client, world):
    assert_problem(client.get("/api/v1/matches", headers=bearer(world["maker_token"])), 403)


# ------------------------------------------------------------------ interest and pairings


def test_a_startup_expresses_interest_and_sees_the_pairing(client, world):
    headers = bearer(world["startup_token"])
    response = client.post(
        f"/api/v1/needs/{world['need'].id}/interest",
        json={"message": "저희 센서로 해결할 수 있습니다.", "consent_to_contact": True},
        headers=headers,
    )
    assert response.status_code == 201, response.get_data(as_text=True)
    pairing = db.session.scalars(select(Pairing)).one()
    assert pairing.status == PairingStatus.REQUESTED
    assert response.get_json()["id"] == pairing.id

    listed = client.get("/api/v1/pairings", headers=headers).get_json()
    assert [p["id"] for p in listed["items"]] == [pairing.id]
    seen_by_maker = client.get("/api/v1/pairings", headers=bearer(world["maker_token"]))
    assert [p["id"] for p in seen_by_maker.get_json()["items"]] == [pairing.id]
    other = client.get("/api/v1/pairings", headers=bearer(world["other_maker_token"]))
    assert other.get_json()["items"] == []


def test_expressing_interest_twice_is_a_conflict_unless_retried_with_a_key(client, world):
    headers = bearer(world["startup_token"])
    url = f"/api/v1/needs/{world['need'].id}/interest"
    body = {"consent_to_contact": True}
    first = client.post(url, json=body, headers=headers)
    assert first.status_code == 201
    assert_problem(client.post(url, json=body, headers=headers), 409)
    retried = client.post(url, json=body, headers={**headers, "Idempotency-Key": "abc-1"})
    assert retried.status_code == 201
    assert retried.get_json()["id"] == first.get_json()["id"]
    assert len(db.session.scalars(select(Pairing)).all()) == 1


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"consent_to_contact": "maybe"},
        {"consent_to_contact": True, "message": "x" * 2001},
        {"consent_to_contact": True, "status": "approved"},
        [],
    ],
)
def test_an_invalid_interest_body_is_refused_with_field_errors(client, world, body):
    response = client.post(
        f"/api/v1/needs/{world['need'].id}/interest",
        json=body,
        headers=bearer(world["startup_token"]),
    )
    assert_problem(response, 422)
    assert db.session.scalars(select(Pairing)).all() == []


def test_interest_without_consent_is_refused(client, world):
    response = client.post(
        f"/api/v1/needs/{world['need'].id}/interest",
        json={"consent_to_contact": False},
        headers=bearer(world["startup_token"]),
    )
    body = assert_problem(response, 422)
    assert "consent" in body["errors"]


def test_interest_in_a_draft_is_not_found_and_manufacturers_may_not(client, world):
    draft = client.post(
        f"/api/v1/needs/{world['draft'].id}/interest",
        json={"consent_to_contact": True},
        headers=bearer(world["startup_token"]),
    )
    assert_problem(draft, 404)
    maker = client.post(
        f"/api/v1/needs/{world['need'].id}/interest",
        json={"consent_to_contact": True},
        headers=bearer(world["maker_token"]),
    )
    assert_problem(maker, 403)


# ------------------------------------------------------------------ open data


@pytest.mark.parametrize("what", ["companies", "needs", "pairings"])
def test_open_data_is_public_cacheable_and_revalidates(client, world, what):
    response = client.get(f"/api/v1/stats/{what}")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=300"
    etag = response.headers["ETag"]
    again = client.get(f"/api/v1/stats/{what}", headers={"If-None-Match": etag})
    assert again.status_code == 304


def test_open_data_counts_drafts_but_never_shows_their_content(client, world):
    body = client.get("/api/v1/stats/needs").get_json()
    statuses = {row["code"]: row["count"] for row in body["by_status"]}
    assert statuses["draft"] == 1 and statuses["open"] == 2
    raw = client.get("/api/v1/stats/needs").get_data(as_text=True)
    assert "비공개 초안" not in raw


def test_company_stats_count_verified_companies(client, world):
    body = client.get("/api/v1/stats/companies").get_json()
    assert body["verified_startups"] == 1
    assert body["verified_manufacturers"] == 2
    service = next(r for r in body["startups_by_iot_field"] if r["code"] == "service")
    assert service["count"] == 1


def test_pairing_funnel_counts_requests_per_month(client, world):
    client.post(
        f"/api/v1/needs/{world['need'].id}/interest",
        json={"consent_to_contact": True},
        headers=bearer(world["startup_token"]),
    )
    months = client.get("/api/v1/stats/pairings").get_json()["months"]
    assert sum(m["requested"] for m in months) == 1


def test_public_endpoints_are_rate_limited_per_address(app, client):
    app.config["API_PUBLIC_RATE_LIMIT"] = "2 per minute"
    assert client.get("/api/v1/stats/needs").status_code == 200
    assert client.get("/api/v1/stats/needs").status_code == 200
    limited = client.get("/api/v1/stats/needs")
    assert_problem(limited, 429)
    assert int(limited.headers["Retry-After"]) > 0


def test_token_endpoints_are_rate_limited_per_token(app, client, world):
    app.config["API_TOKEN_RATE_LIMIT"] = "2 per minute"
    headers = bearer(world["maker_token"])
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    assert client.get("/api/v1/needs", headers=headers).status_code == 200
    assert_problem(client.get("/api/v1/me", headers=headers), 429)
    # Another token has its own budget.
    assert client.get("/api/v1/me", headers=bearer(world["startup_token"])).status_code == 200


# ------------------------------------------------------------------ the document


def test_the_openapi_document_is_generated_and_31(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert spec["openapi"].startswith("3.1")
    assert "/api/v1/needs/{need_id}/matches" in spec["paths"]
    assert spec["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"


def test_the_reference_page_renders_the_document_locally(client):
    response = client.get("/api/v1/docs?lang=en")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert page.count("<h1") == 1
    assert "/api/v1/needs/{need_id}/interest" in page
    assert "swagger" not in page.lower() and "cdn" not in page.lower()


def test_unknown_api_paths_answer_a_problem(client):
    assert_problem(client.get("/api/v1/nothing-here"), 404)
