"""Roles: a viewer (the default) cannot reach the update controls; an analyst and an admin can.

AppTest's `at.user` stands in for a real OpenID Connect sign-in; `at.secrets` holds the
``[auth]`` and ``[roles]`` sections that a deployment keeps in ``.streamlit/secrets.toml``.
"""

from __future__ import annotations

import csv
import tomllib

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.plumbing.sign_in import NO_ADDRESS, role_for
from tests.helpers.environment import SEED_DIR
from tests.helpers.update_files import ADMIN, ANALYST, SECOND_ANALYST, SECRETS, VIEWER, app_as

UPDATE_PAGE = "app_pages/update_data.py"
NOT_IN_NAVIGATION = "Could not find a navigation page"


def sidebar_texts(at: AppTest) -> list[str]:
    return [element.value for element in at.sidebar.text]


@pytest.mark.parametrize(
    ("email", "role"),
    [
        (ANALYST, "analyst"),
        (ANALYST.upper(), "analyst"),  # addresses match whatever their case
        (SECOND_ANALYST, "analyst"),  # listed in capitals
        (ADMIN, "admin"),
        (VIEWER, "viewer"),
        ("", "viewer"),
        (None, "viewer"),
    ],
)
def test_roles_come_from_the_configured_addresses(email: str | None, role: str) -> None:
    assert role_for(email, SECRETS["roles"]) == role


def test_the_example_secrets_file_configures_sign_in_and_roles() -> None:
    example = tomllib.loads((SEED_DIR.parent / ".streamlit" / "secrets.toml.example").read_text())
    assert set(example["auth"]) == {
        "redirect_uri",
        "cookie_secret",
        "client_id",
        "client_secret",
        "server_metadata_url",
    }
    assert role_for("First.Analyst@mopac.london.gov.uk", example["roles"]) == "analyst"
    assert role_for("data.lead@mopac.london.gov.uk", example["roles"]) == "admin"
    assert role_for("someone.else@mopac.london.gov.uk", example["roles"]) == "viewer"


def test_an_address_on_both_lists_gets_the_higher_role() -> None:
    assert role_for(ANALYST, {"analysts": [ANALYST], "admins": [ANALYST]}) == "admin"


@pytest.mark.parametrize("email", [VIEWER, None])
def test_a_viewer_cannot_reach_the_update_controls(app_env: str, email: str | None) -> None:
    at = app_as(email)
    at.run()
    assert not at.exception
    with pytest.raises(ValueError, match=NOT_IN_NAVIGATION):
        at.switch_page(UPDATE_PAGE)
    assert not at.file_uploader
    labels = [button.proto.label for button in at.get("download_button")]
    assert "Download the current data" not in labels and "Briefing pack (PDF)" in labels
    if email:
        assert sidebar_texts(at) == [f"Signed in as {VIEWER} (viewer)"]
    else:
        assert [button.label for button in at.sidebar.button] == ["Sign in"]


def test_without_sign_in_configured_everyone_is_a_read_only_viewer(app_env: str) -> None:
    at = app_as(ANALYST, sign_in=False)  # even a session that claims to be signed in
    at.run()
    assert not at.exception
    assert "Read-only: sign-in is not set up on this server." in [caption.value for caption in at.sidebar.caption]
    assert not at.sidebar.button
    with pytest.raises(ValueError, match=NOT_IN_NAVIGATION):
        at.switch_page(UPDATE_PAGE)


def test_an_unverified_address_gets_viewer_rights(app_env: str) -> None:
    at = app_as(ANALYST)
    at.user["email_verified"] = False
    at.run()
    with pytest.raises(ValueError, match=NOT_IN_NAVIGATION):
        at.switch_page(UPDATE_PAGE)


def test_a_sign_in_without_an_email_address_says_why_it_is_a_viewer(app_env: str) -> None:
    """The provider signed the person in but sent no address to find a role by: one line says so."""
    at = app_as(None)
    at.user = {"is_logged_in": True, "sub": "someone"}
    at.run()
    assert not at.exception
    assert [warning.value for warning in at.sidebar.warning] == [NO_ADDRESS]
    assert [button.label for button in at.sidebar.button] == ["Sign out"]
    with pytest.raises(ValueError, match=NOT_IN_NAVIGATION):
        at.switch_page(UPDATE_PAGE)


def test_the_page_itself_refuses_a_viewer(app_env: str) -> None:
    """Defence in depth: the page checks the role even if it is opened some other way."""
    at = AppTest.from_file(str(SEED_DIR.parent / "dashboard" / "app_pages" / "update_data.py"), default_timeout=30)
    at.secrets = SECRETS
    at.user = {"is_logged_in": True, "email": VIEWER}
    at.run()
    assert not at.exception
    assert [title.value for title in at.title] == ["Not available"]
    assert at.info[0].value == "This page is for signed-in analysts; your role is viewer."
    assert not at.file_uploader and not at.button


@pytest.mark.parametrize(("email", "role"), [(ANALYST, "analyst"), (ADMIN, "admin")])
def test_analysts_and_admins_reach_the_update_controls(app_env: str, email: str, role: str) -> None:
    at = app_as(email)
    at.run()
    at.switch_page(UPDATE_PAGE)
    at.run()
    assert not at.exception
    assert [title.value for title in at.title] == ["Update data"]
    assert at.file_uploader[0].label == "The CSV files you changed"
    assert not [button.label for button in at.button if button.label.startswith("Save")]  # other tabs unbuilt
    saves = {}
    for task in [tab.label for tab in at.tabs][1:]:
        at.session_state["task"] = task
        at.run()
        assert not at.exception and not at.file_uploader
        saves[task] = [button.label for button in at.button if button.label.startswith("Save")]
    assert saves == {
        "Add a progress update": ["Save progress update"],
        "Update a forum insight": ["Save insight"],
        "Reassess a risk": ["Save reassessment"],
        "Move a milestone": ["Save forecast", "Save actual date"],
        "Update an action": ["Save action"],
        "Add to a meeting's record": [
            "Save new meeting",
            "Save attendance",
            "Save decision",
            "Save new action",
            "Save new risk",
        ],
    }
    at.session_state["task"] = "Upload files"
    at.run()
    assert at.get("download_button")[0].proto.label == "Download the current data"
    assert sidebar_texts(at) == [f"Signed in as {email} ({role})"]
    assert [button.label for button in at.sidebar.button] == ["Sign out"]


@pytest.mark.parametrize("email", [None, VIEWER, ANALYST])
def test_the_audit_log_is_open_to_every_role(app_env: str, email: str | None) -> None:
    at = app_as(email)
    at.run()
    at.switch_page("app_pages/audit_log.py")
    at.run()
    assert not at.exception
    seed_rows = 0
    for path in sorted(SEED_DIR.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            seed_rows += sum(1 for _ in csv.DictReader(handle))
    log = at.dataframe[0].value
    assert log[["Change", "Who", "What", "Added", "Changed", "Removed"]].values.tolist() == [
        [1, "tests", "Load (command line)", seed_rows, 0, 0],
    ]
    assert {metric.label: metric.value for metric in at.metric}["Rows added, changed or removed"] == f"{seed_rows:,}"
