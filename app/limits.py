"""Every limit a form, the JSON API, the importer and the services check: one number each.

Forms refuse early (with the field's message), the services refuse again for callers
that bring no form (the API, the importer, the CLI), both reading the numbers here.
Settings an operator may change (page sizes, rate limits, intervals) are in
``config.py`` instead.
"""

from __future__ import annotations

# --- accounts ------------------------------------------------------------------------------
EMAIL_MAX_LENGTH = 254  # RFC 5321's longest forward path
PASSWORD_MIN_LENGTH = 10
PASSWORD_MAX_LENGTH = 128
TOTP_CODE_LENGTH = 6

# --- companies -----------------------------------------------------------------------------
COMPANY_NAME_MAX_LENGTH = 100
BRN_INPUT_MAX_LENGTH = 12  # 10 digits and two dashes
CONTACT_NAME_MAX_LENGTH = 50
PHONE_MAX_LENGTH = 20
PHONE_PATTERN = r"^0\d{1,2}-?\d{3,4}-?\d{4}$"
WEBSITE_MAX_LENGTH = 200
DESCRIPTION_MAX_LENGTH = 5000  # a company's "about" and a need's problem
CAPABILITIES_TEXT_MAX_LENGTH = 2000
EMPLOYEES_MAX = 1_000_000
FOUNDED_YEAR_MIN = 1900
SITE_NAME_MAX_LENGTH = 100
SITE_PROCESSES_MAX_LENGTH = 1000

# Capability tags (a startup's, a need's required ones): how many, and how long each.
TAG_MAX_COUNT = 30
TAG_MAX_LENGTH = 60

# --- needs ---------------------------------------------------------------------------------
NEED_TITLE_MAX_LENGTH = 200
BUDGET_MAX_KRW = 100_000_000_000

# --- pairings ------------------------------------------------------------------------------
PAIRING_MESSAGE_MAX_LENGTH = 1000  # the pitch of a request or an invitation
PAIRING_NOTE_MAX_LENGTH = 1000  # the note of an answer, a decision or a stage change
SUPPORT_PROGRAM_NAME_MAX_LENGTH = 120
SUPPORT_PROGRAM_DESCRIPTION_MAX_LENGTH = 2000

# --- staff ---------------------------------------------------------------------------------
VERIFICATION_NOTE_MAX_LENGTH = 2000
POLICY_NOTE_MAX_LENGTH = 500
EXPORT_REASON_MAX_LENGTH = 200
IMPORT_MAX_BYTES = 2 * 1024 * 1024
IMPORT_MAX_ROWS = 5000
IMPORT_UPLOAD_MAX_AGE_SECONDS = 24 * 3600

# --- lists and the API ---------------------------------------------------------------------
SEARCH_MAX_LENGTH = 100
API_PAGE_DEFAULT = 20
API_PAGE_MAX = 100
API_TOKEN_NAME_MAX_LENGTH = 60
API_TOKENS_MAX_ACTIVE = 10
