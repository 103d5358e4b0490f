"""``next=`` may only ever lead to a page of this site (ASVS 3.7.2)."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import url_for


def is_safe_next(target: str | None) -> bool:
    if not target:
        return False
    normalized = target.replace("\\", "/").strip()
    if any(ord(ch) < 32 for ch in normalized):
        return False
    parts = urlsplit(normalized)
    return (
        normalized.startswith("/")
        and not normalized.startswith("//")
        and not parts.scheme
        and not parts.netloc
    )


def safe_next(target: str | None, default_endpoint: str = "main.index") -> str:
    return target.strip() if target and is_safe_next(target) else url_for(default_endpoint)
