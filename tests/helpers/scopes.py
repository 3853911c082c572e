"""Scopes for tests that call queries directly: as at a day, since a day, documented only or not."""

from __future__ import annotations

from datetime import date, timedelta

from data_model.scope import FALLBACK_DAYS, Scope


def scope_at(as_at: date | None = None, *, since: date | None = None, documented_only: bool = False) -> Scope:
    """The scope as at `as_at` (today when None), changes after `since` (default `FALLBACK_DAYS` before)."""
    as_at = as_at or date.today()
    since = since or as_at - timedelta(days=FALLBACK_DAYS)
    return Scope(as_at, since, f"since {since.isoformat()}", documented_only)
