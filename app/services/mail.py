"""Sending e-mail through the backend ``MAIL_BACKEND`` names.

"console" logs the message (development), "file" writes ``.eml`` files under
``MAIL_FILE_DIR``, "smtp" sends through ``MAIL_SERVER`` with STARTTLS, and
"memory" appends to ``outbox`` (tests). Callers send only after their
transaction committed (see ``notifications.send_pending_notifications``).
"""

from __future__ import annotations

import logging
import smtplib
import ssl
import uuid
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from flask import current_app

logger = logging.getLogger(__name__)

# The "memory" backend's messages; tests read and clear it.
outbox: list[EmailMessage] = []


def header_text(value: str) -> str:
    """``value`` fit for a header: its first non-empty line, without control characters.

    Python refuses a header value containing CR or LF (header injection), so text
    typed by users must be reduced to one line before it reaches a subject.
    """
    lines = [line.strip() for line in value.splitlines() if line.strip()]
    first = lines[0] if lines else ""
    return "".join(c for c in first if c.isprintable() or c == " ")


def build_message(to: str, subject: str, body: str) -> EmailMessage:
    """The e-mail message (plain-text body) from the configured sender."""
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_SENDER"]
    message["To"] = header_text(to)
    message["Subject"] = header_text(subject)
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain=current_app.config["MAIL_SENDER"].split("@")[-1])
    message.set_content(body)
    return message


def masked(address: str) -> str:
    """An address fit for a log line (ASVS 16.2.5: no full e-mail addresses in logs)."""
    local, _, domain = address.partition("@")
    return f"{local[:1]}***@{domain}"


def send(to: str, subject: str, body: str) -> None:
    """Sends one message; raises ``OSError`` (``smtplib.SMTPException`` included) on failure."""
    message = build_message(to, subject, body)
    backend = current_app.config["MAIL_BACKEND"]
    if backend == "memory":
        outbox.append(message)
    elif backend == "file":
        directory = Path(current_app.config["MAIL_FILE_DIR"])
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / f"{uuid.uuid4().hex}.eml"
        path.write_bytes(bytes(message))
        logger.info("mail written to %s", path)
    elif backend == "smtp":
        _send_smtp(message)
    elif backend == "console":
        # Bodies hold names, notes and links: logs get their size only (ASVS 16.2.5);
        # MAIL_BACKEND=file keeps whole messages where a developer needs to read them.
        logger.info(
            "mail to=%s subject=%s body=<%s characters, not logged>",
            masked(to),
            header_text(subject),
            len(message.get_content()),
        )
    else:
        raise ValueError(f"unknown MAIL_BACKEND {backend!r}")


def _send_smtp(message: EmailMessage) -> None:
    config = current_app.config
    with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=10) as smtp:
        if config["MAIL_USE_TLS"]:
            smtp.starttls(context=ssl.create_default_context())
        if config["MAIL_USERNAME"]:
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
        smtp.send_message(message)
    logger.info("mail sent via smtp to=%s", masked(str(message["To"])))
