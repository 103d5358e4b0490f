"""`make bench-web`: requests per second of the main pages against a running server.

Run by ``loadtest/bench_web.sh``, which loads the data and starts ``make serve``:

- ``bench_web.py data-present``: exit status 0 when the demo and scale data are loaded;
- ``bench_web.py run HOST``: signs in as the demo startup, manufacturer and staff (with
  the second factor), makes an API token for the startup, checks that every page answers
  200, then measures each page with wrk (``CONNECTIONS`` connections, ``DURATION`` each)
  and prints req/s, p50/p99, errors and the ratio to ``/healthz`` in the same run.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pyotp
import requests
from sqlalchemy import func, select

from app import create_app
from app.demo.constants import DEMO_ACCOUNTS, DEMO_PASSWORD
from app.extensions import db
from app.models import ApiToken, Match, Need, User
from app.models.enums import NeedStatus
from app.services import api_tokens

HERE = Path(__file__).resolve().parent
TOKEN_NAME = "bench-web"  # noqa: S105 (the name of a token, not a token)
USER_AGENT = "bench-web/1"  # the same for sign-in and wrk: the session is bound to it
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
RESULT = re.compile(r"^BENCH (.*)$", re.MULTILINE)


@dataclass(frozen=True)
class Fixture:
    need_id: int
    staff_totp_secret: str
    api_token: str


def data_present() -> bool:
    from app.demo import scale_data_present

    app = create_app()
    with app.app_context():
        demo = db.session.scalar(select(User.id).where(User.email == DEMO_ACCOUNTS["startup"]))
        return demo is not None and scale_data_present()


def prepare() -> Fixture:
    """The demo manufacturer's open need with the most matches, the staff TOTP secret,
    and a fresh API token for the demo startup (older bench tokens are revoked)."""
    app = create_app()
    with app.app_context():
        users = {
            role: db.session.scalar(select(User).where(User.email == email))
            for role, email in DEMO_ACCOUNTS.items()
        }
        maker, startup, staff = users["manufacturer"], users["startup"], users["staff"]
        need_id = db.session.scalar(
            select(Need.id)
            .outerjoin(Match, Match.need_id == Need.id)
            .where(Need.organization_id == maker.organization_id, Need.status == NeedStatus.OPEN)
            .group_by(Need.id)
            .order_by(func.count(Match.id).desc(), Need.id)
            .limit(1)
        )
        if need_id is None:
            sys.exit("The demo manufacturer has no open need: load the demo data first.")
        for token_id in db.session.scalars(
            select(ApiToken.id).where(
                ApiToken.user_id == startup.id,
                ApiToken.name == TOKEN_NAME,
                ApiToken.revoked_at.is_(None),
            )
        ).all():
            api_tokens.revoke_token(startup, token_id)
        _token, plaintext = api_tokens.create_token(startup, TOKEN_NAME)
        return Fixture(need_id, staff.totp_secret, plaintext)


def csrf_token(html: str) -> str:
    found = CSRF.search(html)
    if not found:
        sys.exit("no CSRF token on the sign-in page")
    return found.group(1)


def sign_in(host: str, email: str, totp_secret: str | None = None) -> str:
    """The session cookie of a fresh sign-in (staff: with the TOTP code)."""
    http = requests.Session()
    http.headers["User-Agent"] = USER_AGENT
    page = http.get(f"{host}/login", timeout=10)
    answer = http.post(
        f"{host}/login",
        data={"email": email, "password": DEMO_PASSWORD, "csrf_token": csrf_token(page.text)},
        allow_redirects=False,
        timeout=30,
    )
    if answer.status_code != 302:
        sys.exit(f"sign-in of {email} answered {answer.status_code}")
    if totp_secret:
        page = http.get(f"{host}/login/verify", timeout=10)
        answer = http.post(
            f"{host}/login/verify",
            data={"code": pyotp.TOTP(totp_secret).now(), "csrf_token": csrf_token(page.text)},
            allow_redirects=False,
            timeout=10,
        )
        if answer.status_code != 302:
            sys.exit(f"second factor of {email} answered {answer.status_code}")
    cookie = "; ".join(f"{c.name}={c.value}" for c in http.cookies)
    if not cookie:
        sys.exit(f"no session cookie for {email}")
    return cookie


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def measure(url: str, headers: dict[str, str]) -> dict[str, int]:
    command = [
        "wrk",
        f"-t{os.environ.get('THREADS', '2')}",
        f"-c{os.environ.get('CONNECTIONS', '16')}",
        f"-d{os.environ.get('DURATION', '10s')}",
        "--timeout",
        "5s",
        "-s",
        str(HERE / "bench_web.lua"),
    ]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run(  # noqa: S603 (a fixed program and our own arguments)
        [*command, url], capture_output=True, text=True, check=True
    ).stdout
    found = RESULT.search(output)
    if not found:
        sys.exit(f"wrk printed no result for {url}:\n{output}")
    return {k: int(v) for k, v in (item.split("=") for item in found.group(1).split())}


def run(host: str) -> None:
    fixture = prepare()
    cookies = {
        "startup": sign_in(host, DEMO_ACCOUNTS["startup"]),
        "manufacturer": sign_in(host, DEMO_ACCOUNTS["manufacturer"]),
        "staff": sign_in(host, DEMO_ACCOUNTS["staff"], fixture.staff_totp_secret),
    }
    pages = [
        ("/healthz", {}),
        ("/matches", {"Cookie": cookies["startup"]}),
        (f"/needs/{fixture.need_id}/matches", {"Cookie": cookies["manufacturer"]}),
        ("/pairings", {"Cookie": cookies["startup"]}),
        ("/staff", {"Cookie": cookies["staff"]}),
        ("/api/v1/matches", {"Authorization": f"Bearer {fixture.api_token}"}),
    ]
    for path, headers in pages:
        # Each page once per worker before measuring: it answers 200 (not the sign-in
        # page), and templates are compiled.
        for _ in range(4):
            answer = requests.get(
                host + path,
                headers={**headers, "User-Agent": USER_AGENT, "Connection": "close"},
                allow_redirects=False,
                timeout=30,
            )
            if answer.status_code != 200:
                sys.exit(f"{path} answered {answer.status_code} before the measurement")
    connections = os.environ.get("CONNECTIONS", "16")
    duration = os.environ.get("DURATION", "10s")
    print(f"wrk: {connections} connections, {duration} per page; load average {load_average()}")
    print(
        f"{'page':<24} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'errors':>7} "
        f"{'÷ healthz':>9}  load average"
    )
    baseline = None
    failed = False
    for path, headers in pages:
        result = measure(host + path, {**headers, "User-Agent": USER_AGENT})
        rate = result["requests"] / (result["duration_us"] / 1e6)
        errors = result["not_ok"] + result["socket_errors"]
        failed = failed or errors > 0
        baseline = baseline or rate
        name = "/needs/<id>/matches" if path.startswith("/needs/") else path
        print(
            f"{name:<24} {rate:>8.1f} {result['p50_us'] / 1000:>7.1f} "
            f"{result['p99_us'] / 1000:>7.1f} {errors:>7} {rate / baseline:>9.2f}  "
            f"{load_average()}",
            flush=True,
        )
    if failed:
        sys.exit("some requests failed (see errors)")


if __name__ == "__main__":
    if sys.argv[1:2] == ["data-present"]:
        sys.exit(0 if data_present() else 1)
    if sys.argv[1:2] == ["run"] and len(sys.argv) == 3:
        run(sys.argv[2])
    else:
        sys.exit("usage: bench_web.py data-present | run HOST")
