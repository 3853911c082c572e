"""A value in the address that a page cannot use is named at the top of the page, with what is shown
instead; one it can use is not. Each kind of bound widget on both sides of its edge, through AppTest.
"""

from __future__ import annotations

import ast
import re
from datetime import timedelta

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.presentation.formatting import day
from tests.helpers.clock import TODAY
from tests.helpers.environment import PROJECT_ROOT
from tests.helpers.update_files import ANALYST, app_as

EARLIEST = (pd.Timestamp(TODAY) - pd.DateOffset(years=10)).date()
LATEST = (pd.Timestamp(TODAY) + pd.DateOffset(years=10)).date()
VAWG = "Victims and survivors of violence against women and girls (VAWG)"


def opened(page: str, **params: str | list[str]) -> AppTest:
    """`page` opened straight from an address holding `params`, as an analyst (who sees every page)."""
    at = app_as(ANALYST)
    at.query_params = params
    at.switch_page(f"app_pages/{page}.py")
    at.run()
    assert not at.exception, at.exception
    return at


def notices(at: AppTest) -> list[str]:
    """The notices as a reader sees them (they are written with every Markdown character escaped)."""
    return [re.sub(r"\\(.)", r"\1", warning.value) for warning in at.warning]


@pytest.mark.parametrize(
    ("as_at", "notice"),
    [
        ("2026-11-22", None),
        ("2026/11/22", None),  # Streamlit's other way of writing a date
        (
            "9999-99-99",
            f"As at: the address gives as_at=“9999-99-99”, which is not a date; showing today, {day(TODAY)}",
        ),
        ("2026-02-30", "which is not a date"),
        (EARLIEST.isoformat(), None),
        (
            (EARLIEST - timedelta(days=1)).isoformat(),
            f"which is outside the dates offered, {day(EARLIEST)} to {day(LATEST)}; showing today",
        ),
        (LATEST.isoformat(), None),
        ((LATEST + timedelta(days=1)).isoformat(), "which is outside the dates offered"),
    ],
)
def test_an_as_at_day_is_taken_or_named(app_env, as_at, notice):
    at = opened("overview", as_at=as_at)
    if notice is None:
        assert notices(at) == []
        assert at.date_input(key="as_at").value == (pd.Timestamp(as_at.replace("/", "-")).date())
    else:
        (said,) = notices(at)
        assert notice in said and said.endswith(" instead.")
        assert at.date_input(key="as_at").value == TODAY


def test_each_value_of_a_repeated_parameter_beyond_the_one_read_is_named(app_env):
    at = opened("overview", as_at=["2026-11-22", "2026-10-01"])
    shown = at.date_input(key="as_at").value
    (other,) = {"2026-11-22", "2026-10-01"} - {shown.isoformat()}
    assert notices(at) == [
        f"As at: the address gives as_at=“{other}”, which is one of several values given where only one is read; "
        f"showing {day(shown)} instead."
    ]


@pytest.mark.parametrize(
    ("value", "notice"),
    [
        ("true", None),
        ("TRUE", None),
        ("false", None),
        (
            "maybe",
            "Overdue only: the address gives overdue=“maybe”, which is neither true nor false; showing off instead.",
        ),
        ("1", "Overdue only: the address gives overdue=“1”, which is neither true nor false; showing off instead."),
    ],
)
def test_a_toggle_takes_true_or_false_and_names_anything_else(app_env, value, notice):
    at = opened("recommendations", as_at="2026-11-22", overdue=value)
    assert notices(at) == ([notice] if notice else [])
    assert at.toggle(key="overdue").value is (value.lower() == "true")


def test_an_unknown_forum_is_named_with_the_forum_shown(app_env):
    assert notices(opened("forums", as_at="2026-11-22", forum="Disabled victims")) == []
    at = opened("forums", as_at="2026-11-22", forum="Atlantis")
    assert notices(at) == [
        f"Forum: the address gives forum=“Atlantis”, which is not one of the choices; showing {VAWG} instead."
    ]


@pytest.mark.parametrize(
    ("page", "key", "shown"),
    [("spend", "decision", "All decisions"), ("decisions", "decision", "Choose a decision")],
)
def test_an_unknown_decision_is_named_and_none_is_chosen(app_env, page, key, shown):
    assert notices(opened(page, as_at="2026-11-22", **{key: "PCD 1847"})) == []
    at = opened(page, as_at="2026-11-22", **{key: "PCD 9999"})
    assert notices(at)[0].endswith(f"{key}=“PCD 9999”, which is not one of the choices; showing {shown} instead.")


def test_a_board_is_named_as_the_box_writes_it_and_a_day_alone_is_refused(app_env):
    assert notices(opened("changes", as_at="2026-11-22", since="Board of 13 Aug 2026")) == []
    at = opened("changes", as_at="2026-11-22", since="2026-08-13")
    assert notices(at) == [
        "Changes since: the address gives since=“2026-08-13”, which is not one of the choices; "
        "showing Board of 15 Oct 2026 instead."
    ]


def test_a_filter_names_only_the_values_not_among_its_options(app_env):
    at = opened("recommendations", as_at="2026-11-22", status=["Red", "Purple"])
    assert at.multiselect(key="status").value == ["Red"]
    assert notices(at) == [
        "Status: the address gives status=“Purple”, which is not one of the choices; showing Red instead."
    ]
    at = opened("recommendations", as_at="2026-11-22", status="Purple")
    assert notices(at)[0].endswith("showing all instead.")


def test_a_page_past_the_last_is_named(long_app_env):
    pages = opened("risks", as_at="2026-11-22").get("pagination")[0].proto.num_pages
    assert pages > 1
    last = opened("risks", as_at="2026-11-22", risks_page=str(pages))
    assert notices(last) == [] and last.get("pagination")[0].value == pages
    for beyond in (str(pages + 1), "0", "two"):
        at = opened("risks", as_at="2026-11-22", risks_page=beyond)
        assert notices(at) == [
            f"Table page: the address gives risks_page=“{beyond}”, which is not a page of this table "
            f"(1 to {pages}); showing page 1 instead."
        ]


def test_an_unknown_tab_is_named(app_env):
    assert notices(opened("update_data", task="Reassess a risk")) == []
    assert notices(opened("update_data", task="Delete everything")) == [
        "Tab: the address gives task=“Delete everything”, which is not one of the tabs; showing Upload files instead."
    ]


def test_a_refused_value_is_quoted_as_text_cut_short(app_env):
    at = opened("forums", as_at="2026-11-22", forum="<b>x</b> **y** \u202e" + "z" * 60)
    (said,) = notices(at)
    assert "forum=“<b>x</b> **y** \ufffd" + "z" * 44 + "…”" in said  # 60 characters, then "…"
    assert "\\<b\\>" in at.warning[0].value  # escaped, so never drawn as markup


def test_a_notice_is_said_once_and_gone_on_the_next_run(app_env):
    at = opened("overview", as_at="9999-99-99")
    assert len(notices(at)) == 1
    at.run()
    assert notices(at) == []
    assert "as_at" not in at.query_params  # Streamlit took it out of the address


def test_every_widget_bound_to_the_address_says_what_it_refuses():
    """No bound widget escapes `address_widgets`, which reads the address before the widget does."""
    loose = [
        f"{source.relative_to(PROJECT_ROOT)}:{node.lineno}"
        for source in sorted((PROJECT_ROOT / "dashboard").rglob("*.py"))
        if source.name != "address_widgets.py"
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8")))
        if isinstance(node, ast.keyword) and node.arg == "bind"
    ]
    assert loose == []
