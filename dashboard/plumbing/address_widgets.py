"""Widgets bound to the page's address, and every value in it they refuse, said on the page.

A copied link holds the page's choices (``?as_at=2026-10-15&forum=Disabled+victims&risks_page=3``).
Streamlit reads a bound widget's value from the address on the widget's first run and, when it
cannot use it (not a date, a forum not on record, a page past the last, a toggle neither true nor
false, one value of several where one is read), shows the default and drops the value from the
address without a word. A link that silently opens something other than what it names misleads whoever follows it,
so every bound widget is made here: what the address asks of it is read before the widget reads
it, set against what the widget then shows, and each value refused is named where the page begins,
with what is shown instead ("As at: the address gives as_at=“9999-99-99”, which is not a date;
showing today, 5 Dec 2026 instead.").

A value in the address is text from whoever wrote the link: the notice escapes it
(`formatting.literal`), cuts it short and replaces what cannot be printed, never rendering it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar

import streamlit as st

from dashboard.presentation import formatting

T = TypeVar("T")
NOTICES = "_address_notices"
"""Session state: where this run's notices go (the top of the page)."""
LONGEST = 60
"""Characters of a refused value quoted in its notice; a longer one is cut short with "…"."""
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d")
"""How Streamlit reads a date in the address (ISO, or with slashes)."""
SEVERAL = "is one of several values given where only one is read"


@dataclass(frozen=True)
class Reading:
    """How one kind of widget reads the address."""

    shows: Callable[[str, Any], bool]
    """Whether a value in the address is the one the widget shows."""
    why: Callable[[str], str | None]
    """Why a value cannot be used ("is not a date"); None for one that can be, alone."""
    said: Callable[[Any], str]
    """The value shown, in words ("today, 5 Dec 2026", "off", "page 1")."""


def notices_here() -> None:
    """Keep a place where the page begins for this run's notices (before any bound widget is made)."""
    st.session_state[NOTICES] = st.container()


def toggle(label: str, *, key: str, **options) -> bool:
    reading = Reading(
        shows=lambda raw, on: raw.lower() == str(on).lower(),
        why=lambda raw: None if raw.lower() in ("true", "false") else "is neither true nor false",
        said=lambda on: "on" if on else "off",
    )
    return _bound(reading, label, key, st.toggle, label, **options)


def date_input(label: str, *, key: str, value: date, **options) -> date:
    """A date, offered from ten years before `value` to ten years after (Streamlit's own range, named
    here so a notice can say it)."""
    earliest, latest = _years_after(value, -10), _years_after(value, 10)
    reading = Reading(
        shows=lambda raw, shown: _date(raw) == shown,
        why=lambda raw: _date_refused(_date(raw), earliest, latest),
        said=lambda shown: f"today, {formatting.day(shown)}" if shown == date.today() else formatting.day(shown),
    )
    return _bound(
        reading, label, key, st.date_input, label, value=value, min_value=earliest, max_value=latest, **options
    )


def selectbox(label: str, options: Sequence[T], *, key: str, format_func: Callable[[T], str] = str, **more) -> T:
    """One of `options`, written in the address as `format_func` writes it; with ``index=None``
    none may be chosen, and the box then shows its placeholder."""
    written = [format_func(option) for option in options]
    reading = Reading(
        shows=lambda raw, chosen: raw == ("" if chosen is None else format_func(chosen)),
        why=lambda raw: None if raw in written else "is not one of the choices",
        said=lambda chosen: (more.get("placeholder") or "none") if chosen is None else format_func(chosen),
    )
    return _bound(reading, label, key, st.selectbox, label, options, format_func=format_func, **more)


def multiselect(label: str, options: Sequence[str], *, key: str, **more) -> list[str]:
    """Any of `options` (``?key=A&key=B``); none chosen means all."""
    reading = Reading(
        shows=lambda raw, chosen: raw in chosen,
        why=lambda raw: None if raw in options else "is not one of the choices",
        said=lambda chosen: ", ".join(chosen) or "all",
    )
    return _bound(reading, label, key, st.multiselect, label, options, **more)


def pagination(pages: int, *, key: str, label: str = "Table page", of: str = "this table", **options) -> int:
    """A page number from 1 to `pages` (of a table, or `of` something else: an agenda's items), `label`
    naming it in a notice."""
    reading = Reading(
        shows=lambda raw, page: _whole(raw) == page,
        why=lambda raw: None if 1 <= (_whole(raw) or 0) <= pages else f"is not a page of {of} (1 to {pages})",
        said=lambda page: f"page {page}",
    )
    return _bound(reading, label, key, st.pagination, pages, **options)


def tabs(labels: Sequence[str], *, key: str) -> Sequence:
    """Tabs, the open one named in the address by its label (only the open one is built)."""
    reading = Reading(
        shows=lambda raw, open_tab: raw == open_tab,
        why=lambda raw: None if raw in labels else "is not one of the tabs",
        said=str,
    )
    asked = _asked(key)
    made = st.tabs(list(labels), key=key, bind="query-params")
    _say_refused(reading, "Tab", key, asked, st.session_state[key])
    return made


def _bound(reading: Reading, label: str, key: str, widget: Callable[..., T], *args, **options) -> T:
    """`widget` made with `args` and `options`, bound to the address under `key`; a value there it
    refuses is said."""
    asked = _asked(key)
    shown = widget(*args, key=key, bind="query-params", **options)
    _say_refused(reading, label, key, asked, shown)
    return shown


def _asked(key: str) -> list[str]:
    """The values the address gives `key`, when the widget reads them (its first run this session;
    on later runs the widget's own value stands); an empty value asks for nothing."""
    if key in st.session_state:
        return []
    return [value for value in st.query_params.get_all(key) if value]


def _say_refused(reading: Reading, label: str, key: str, asked: list[str], shown: Any) -> None:
    """A notice for each value in `asked` that the widget does not show."""
    for raw in dict.fromkeys(asked):
        if not reading.shows(raw, shown):
            why = reading.why(raw) or (SEVERAL if len(asked) > 1 else "could not be used")
            notice = (
                f"{label}: the address gives {key}=“{quoted(raw)}”, which {why}; showing {reading.said(shown)} instead."
            )
            st.session_state.get(NOTICES, st).warning(formatting.literal(notice), icon=":material/link_off:")


def quoted(raw: str) -> str:
    """A value from the address as a notice quotes it: unprintable characters replaced, at most `LONGEST`."""
    printable = "".join(character if character.isprintable() else "\ufffd" for character in raw)
    return printable if len(printable) <= LONGEST else printable[:LONGEST] + "…"


def _date(raw: str) -> date | None:
    for form in DATE_FORMATS:
        try:
            return datetime.strptime(raw, form).date()
        except ValueError:
            continue
    return None


def _date_refused(day: date | None, earliest: date, latest: date) -> str | None:
    if day is None:
        return "is not a date"
    if not earliest <= day <= latest:
        return f"is outside the dates offered, {formatting.day(earliest)} to {formatting.day(latest)}"
    return None


def _whole(raw: str) -> int | None:
    try:
        return int(raw)
    except ValueError:
        return None


def _years_after(day: date, years: int) -> date:
    """The same day `years` later (earlier when negative); 28 February for a 29th in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
