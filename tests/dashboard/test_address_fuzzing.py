"""The address fuzzed: random values for every bound query parameter of every page, and the page
either shows each value or names it as refused, never with an exception.

The pages come from the app's navigation and the parameters from the page itself: each page is
opened once and every widget bound to the address found in what it drew (its ``query_param_key``),
so a new page, filter or paged table is fuzzed without a list to keep. Hypothesis then gives each
parameter one to three values: odd dates, huge and negative numbers, unicode, markup, empty text,
and the page's own choices, so valid and refused values mix. For each value the page is checked on
both sides: a value the widget shows is not named as refused, and any other is named, with its
parameter, in a notice (`address_widgets`). Run on the database whose registers fill several
pages, so the page numbers are fuzzed too, as an analyst (who sees every page).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date, datetime
from functools import partial

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from tests.helpers.navigation import navigation_pages
from tests.helpers.seeded import AS_AT_ISO
from tests.helpers.update_files import ANALYST, app_as

PAGES = navigation_pages()
ODD = [
    "9999-99-99",
    "2026-02-30",
    "2026-13-01",
    "0000-00-00",
    "0001-01-01",
    "1900-01-01",
    "2099-12-31",
    "22/11/2026",
    "2026/11/22",
    "20261122",
    "2026-11-22T10:00",
    " 2026-11-22",
    "true",
    "TRUE",
    "false",
    "yes",
    "0",
    "-1",
    "3.0",
    "1e309",
    "NaN",
    "99999999999999999999999",
    "٣",
    " ",
    "None",
    "<b>bold</b>",
    "**bold** [link](https://example.com)",
    '=HYPERLINK("https://example.com")',
    "a&b=c#d",
    "\u202eevil",
    "x" * 200,
]
"""Values that have broken address handling somewhere: impossible and distant dates, other date
forms, booleans and numbers in other spellings, markup, formulas, a right-to-left override, length."""


def drawn(at: AppTest) -> Iterator:
    """Every element and block the run drew."""
    nodes = [at._tree]
    while nodes:
        node = nodes.pop()
        yield node
        nodes.extend(getattr(node, "children", {}).values())


def bound_widgets(at: AppTest) -> dict[str, object]:
    """Each widget bound to the address (tabs included), by its parameter."""
    found = {}
    for node in drawn(at):
        proto = getattr(node, "proto", None)
        key = getattr(proto, "query_param_key", "") or getattr(
            getattr(proto, "tab_container", None), "query_param_key", ""
        )
        if key:
            found[key] = node
    return found


def read(convert: Callable[[str], object], text: str) -> object:
    """`convert(text)`, or None where it cannot read it."""
    try:
        return convert(text)
    except ValueError:
        return None


def as_day(raw: str) -> date | None:
    """A day as Streamlit takes one from the address: ISO, or with slashes."""
    stamps = (read(partial(datetime.strptime, raw), form) for form in ("%Y-%m-%d", "%Y/%m/%d"))
    return next((stamp.date() for stamp in stamps if stamp is not None), None)


def shows(widget) -> Callable[[str], bool]:
    """Whether a value in the address is the one `widget` shows."""
    kind = type(widget).__name__
    if kind == "Toggle":
        return lambda raw: raw.lower() == str(widget.value).lower()
    if kind == "DateInput":
        return lambda raw: as_day(raw) == widget.value
    if kind == "Selectbox":
        return lambda raw: widget.index is not None and widget.options[widget.index] == raw
    if kind == "Multiselect":
        return lambda raw: raw in [widget.options[index] for index in widget.indices]
    if kind == "Pagination":
        return lambda raw: read(int, raw) == widget.value
    if kind == "Block":  # tabs: the open one's label
        labels = [child.label for child in widget.children.values()]
        return lambda raw: raw == labels[widget.proto.tab_container.default_tab_index]
    raise AssertionError(f"a {kind} is bound to the address: teach this test what it shows")


def choices(widget) -> list[str]:
    """Values the widget would take, so that fuzzing mixes valid values with refused ones."""
    kind = type(widget).__name__
    if kind in ("Selectbox", "Multiselect"):
        return list(widget.options)
    if kind == "Block":
        return [child.label for child in widget.children.values()]
    if kind == "Pagination":
        return ["1", "2", "3"]
    if kind == "DateInput":
        return [AS_AT_ISO, date.today().isoformat(), "2026-10-15"]
    return ["true", "false"]


def quoted(raw: str) -> str:
    """A refused value as a notice should quote it: unprintable characters as �, cut at 60 with "…"."""
    printable = "".join(c if c.isprintable() else "\ufffd" for c in raw)
    return printable[:60] + "…" if len(printable) > 60 else printable


def notices(at: AppTest) -> str:
    """The refusal notices, unescaped (they are written with every Markdown character escaped)."""
    return "\n".join(re.sub(r"\\(.)", r"\1", warning.value) for warning in at.warning)


def opened(page: str, params: dict[str, list[str]]) -> AppTest:
    """`page` opened at an address holding `params` (as at the seed's day unless they say otherwise)."""
    at = app_as(ANALYST)
    at.query_params = {"as_at": AS_AT_ISO} | params
    at.switch_page(f"app_pages/{page}.py")
    at.run()
    return at


def values(widget) -> st.SearchStrategy[list[str]]:
    one = st.one_of(
        st.sampled_from(choices(widget)),
        st.sampled_from(ODD),
        st.text(max_size=80),
        st.dates(date(1, 1, 1), date(9999, 12, 31)).map(date.isoformat),
        st.integers(-(10**20), 10**20).map(str),
    )
    return st.lists(one, min_size=1, max_size=3)


@pytest.mark.parametrize("page", PAGES)
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_every_value_in_the_address_is_shown_or_named(long_app_env, page, data):
    widgets = bound_widgets(opened(page, {}))
    assert {"as_at", "documented_only"} <= set(widgets), "the page's bound widgets were not found"
    params = data.draw(st.fixed_dictionaries({}, optional={key: values(w) for key, w in widgets.items()}))
    at = opened(page, params)

    assert not at.exception, at.exception
    assert all("Traceback" not in str(getattr(node, "proto", "")) for node in drawn(at))
    said = notices(at)
    for key, widget in bound_widgets(at).items():  # a widget a refused value hides is not there to read it
        for raw in dict.fromkeys(params.get(key, [])):
            named = f"{key}=“{quoted(raw)}”" in said
            if raw:
                assert named != shows(widget)(raw), f"{key}={raw!r}: shown and named, or neither\n{said}"


def test_the_walk_finds_the_bound_widgets_of_every_kind(long_app_env):
    kinds = {}
    for page in PAGES:
        for key, widget in bound_widgets(opened(page, {})).items():
            kinds.setdefault(type(widget).__name__, set()).add(key)
    assert set(kinds) == {"Toggle", "DateInput", "Selectbox", "Multiselect", "Pagination", "Block"}
    assert {"as_at", "since", "forum", "decision", "risks_page", "task", "overdue"} <= set().union(*kinds.values())
