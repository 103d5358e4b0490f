"""The demo accounts. Demo-only values: never use them outside demo and test databases."""

DEMO_PASSWORD = "demo-password-2026"  # noqa: S105  (published demo password, by design)

DEMO_ACCOUNTS: dict[str, str] = {
    "staff": "staff@demo.seoul.kr",
    "startup": "startup@demo.seoul.kr",
    "manufacturer": "maker@demo.seoul.kr",
}

# A fixed TOTP secret so `make run` can print it for the demo staff account (enrol it in an
# authenticator app). Demo-only: real staff get a random secret from `flask create-staff`.
DEMO_STAFF_TOTP_SECRET = "M5AL5GIPJ5UCRLMN2F62Y3ZRFCIUELZI"  # noqa: S105  (public demo secret)

SCALE_EMAIL_DOMAIN = "scale.demo.seoul.kr"
