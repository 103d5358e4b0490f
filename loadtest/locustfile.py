"""Mixed traffic against a running server (see ``loadtest/run.sh``).

Visitors read public pages and open data; startups browse ``/matches`` with filters
and pages; manufacturers open ``/needs/<id>/matches``; some users only log in (the
login limiter answers 429 after 10 a minute per address: counted apart, not errors).
Request names group pages, so the summary shows p50/p95 per group.
"""

from __future__ import annotations

import json
import os
import random
import re

from locust import HttpUser, between, events, task
from requests.adapters import HTTPAdapter

ACCOUNTS_FILE = os.environ.get("LOAD_ACCOUNTS", "instance/loadtest-accounts.json")
PASSWORD = "demo-password-2026"  # noqa: S105 (the published demo password of scale data)
SECTORS = ["automotive_transport", "machinery_robotics", "metal_processing", "food_consumer"]
DISTRICTS = ["금천구", "구로구", "영등포구", "성동구"]
CSRF = re.compile(
    r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"'
)

with open(ACCOUNTS_FILE, encoding="utf-8") as f:
    ACCOUNTS = json.load(f)

# Think time between a user's requests, scaled: 1 = people reading pages (0.5-2 s),
# 0 = a closed loop that measures capacity, comparable with the /healthz baseline.
THINK = float(os.environ.get("LOAD_THINK_SCALE", "1"))

LOGIN_429 = {"count": 0}
_next_address = iter(range(1, 60_000))


class SourceAddressAdapter(HTTPAdapter):
    """Connects from its own loopback address (127.0.0.0/8 is all local), so each
    simulated company user is a different client to the per-address login limiter."""

    def __init__(self, address: str) -> None:
        self.address = address
        super().__init__()

    def init_poolmanager(self, *args, **kwargs) -> None:
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


def own_address(user: HttpUser) -> None:
    n = next(_next_address)
    adapter = SourceAddressAdapter(f"127.1.{n // 250}.{n % 250 + 1}")
    user.client.mount("http://", adapter)


def csrf_token(html: str) -> str:
    found = CSRF.search(html)
    return (found.group(1) or found.group(2)) if found else ""


def log_in(user: HttpUser, email: str) -> bool:
    page = user.client.get("/login", name="login (form)")
    with user.client.post(
        "/login",
        data={"email": email, "password": PASSWORD, "csrf_token": csrf_token(page.text)},
        name="login (post)",
        allow_redirects=False,
        catch_response=True,
    ) as response:
        if response.status_code == 429:
            LOGIN_429["count"] += 1
            response.success()  # the limiter doing its job, counted apart
            return False
        if response.status_code != 302:
            response.failure(f"login answered {response.status_code}")
            return False
    return True


class Visitor(HttpUser):
    weight = 4
    wait_time = between(0.5 * THINK, 2 * THINK)

    def on_start(self) -> None:
        own_address(self)  # visitors come from many addresses, as on the internet

    @task(3)
    def landing(self) -> None:
        self.client.get("/", name="public page")

    @task(2)
    def open_data(self) -> None:
        what = random.choice(["companies", "needs", "pairings"])  # noqa: S311
        self.client.get(f"/api/v1/stats/{what}", name="open data API")

    @task(1)
    def reference(self) -> None:
        self.client.get("/api/v1/docs", name="public page")


class Startup(HttpUser):
    weight = 3
    wait_time = between(0.5 * THINK, 2 * THINK)

    def on_start(self) -> None:
        own_address(self)
        self.ready = log_in(self, random.choice(ACCOUNTS["startups"]))  # noqa: S311

    @task(3)
    def matches(self) -> None:
        if not self.ready:
            return
        page = random.randint(1, 3)  # noqa: S311
        self.client.get(f"/matches?page={page}", name="match page: /matches")

    @task(2)
    def filtered(self) -> None:
        if not self.ready:
            return
        sector = random.choice(SECTORS)  # noqa: S311
        district = random.choice(DISTRICTS)  # noqa: S311
        self.client.get(
            f"/matches?sector={sector}&district={district}",
            name="match page: /matches?filters",
        )


class Manufacturer(HttpUser):
    weight = 2
    wait_time = between(0.5 * THINK, 2 * THINK)

    def on_start(self) -> None:
        account = random.choice(ACCOUNTS["makers"])  # noqa: S311
        self.needs = account["needs"]
        own_address(self)
        self.ready = log_in(self, account["email"])

    @task
    def need_matches(self) -> None:
        if not self.ready:
            return
        need_id = random.choice(self.needs)  # noqa: S311
        page = random.randint(1, 2)  # noqa: S311
        self.client.get(
            f"/needs/{need_id}/matches?page={page}", name="match page: /needs/<id>/matches"
        )


class LoginOnly(HttpUser):
    """Password guessing from one address: the login limiter must answer 429."""

    weight = 1
    wait_time = between(1 * THINK, 3 * THINK)

    @task
    def wrong_password(self) -> None:
        page = self.client.get("/login", name="login (form)")
        with self.client.post(
            "/login",
            data={
                "email": random.choice(ACCOUNTS["startups"]),  # noqa: S311
                "password": "not-the-password",
                "csrf_token": csrf_token(page.text),
            },
            name="login (wrong password)",
            catch_response=True,
        ) as response:
            if response.status_code == 429:
                LOGIN_429["count"] += 1
                response.success()
            elif response.status_code != 200:
                response.failure(f"wrong password answered {response.status_code}")
        self.client.cookies.clear()


@events.quitting.add_listener
def report(environment, **_kwargs) -> None:
    stats = environment.stats
    print("\n=== load test summary ===")
    print(f"{'group':<40} {'reqs':>7} {'fail':>5} {'p50 ms':>7} {'p95 ms':>7} {'req/s':>7}")
    for entry in sorted(stats.entries.values(), key=lambda e: e.name):
        print(
            f"{entry.name:<40} {entry.num_requests:>7} {entry.num_failures:>5} "
            f"{entry.get_response_time_percentile(0.5):>7.0f} "
            f"{entry.get_response_time_percentile(0.95):>7.0f} {entry.total_rps:>7.1f}"
        )
    total = stats.total
    print(
        f"{'TOTAL':<40} {total.num_requests:>7} {total.num_failures:>5} "
        f"{total.get_response_time_percentile(0.5):>7.0f} "
        f"{total.get_response_time_percentile(0.95):>7.0f} {total.total_rps:>7.1f}"
    )
    print(f"login 429s (expected, not errors): {LOGIN_429['count']}")
    if total.num_failures:
        environment.process_exit_code = 1
