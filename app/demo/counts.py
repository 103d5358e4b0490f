"""Row counts per table, so each loader can report what it added."""

from sqlalchemy import func, select

from app.extensions import db


def table_counts() -> dict[str, int]:
    return {
        table.name: db.session.scalar(select(func.count()).select_from(table)) or 0
        for table in db.metadata.sorted_tables
    }


def added_since(before: dict[str, int]) -> dict[str, int]:
    """The rows each table gained since ``before``; tables that gained none are left out."""
    after = table_counts()
    return {
        name: after[name] - before.get(name, 0)
        for name in after
        if after[name] != before.get(name, 0)
    }
