"""Fresh everywhere: two app servers on one database; an analyst updates through one, the other shows it.

Server 1 has sign-in set up and the analyst's browser carries the session cookie Streamlit sets
after an OpenID Connect login (signed with the configured cookie secret, as Streamlit signs it),
so the upload goes through the real Update data page. Server 2 has no sign-in: a read-only
board screen. Both are real `streamlit run` processes; the browser is the system Chromium.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from dashboard.presentation.formatting import money
from data_model.db import make_engine
from data_model.tables import DataLoad
from tests.helpers.environment import skip_unless_ci
from tests.helpers.seeded import AS_AT_ISO
from tests.helpers.update_files import ANALYST, NEW_SPEND_TOTAL, SECRETS, monthly_update, seed_rows, writable_copy

from .helpers import CHROMIUM, CHROMIUM_ARGS, IDLE, VIEWPORT, address, metric, open_page
from .servers import free_port, serve

pytestmark = pytest.mark.browser
SPENT = "Spent to date"


def secrets_file(folder: Path, base_url: str) -> Path:
    """Sign-in and roles as a deployment sets them in .streamlit/secrets.toml."""
    auth = SECRETS["auth"] | {"redirect_uri": f"{base_url}/oauth2callback"}
    lines = ["[auth]", *(f"{key} = {json.dumps(value)}" for key, value in auth.items()), "", "[roles]"]
    lines += [f"{key} = {json.dumps(value)}" for key, value in SECRETS["roles"].items()]
    path = folder / "secrets.toml"
    path.write_text("\n".join(lines) + "\n")
    return path


@contextmanager
def app_server(database_url: str, folder: Path, *, sign_in: bool) -> Iterator[str]:
    """`streamlit run dashboard/app.py` on a free port; its base URL until the block ends."""
    port = free_port()
    # Only server 1 reads a secrets file; server 2 gets an empty folder: no sign-in at all.
    secrets = secrets_file(folder, f"http://127.0.0.1:{port}") if sign_in else folder
    with serve(database_url, folder / "server.log", "--secrets.files", str(secrets), port=port) as server:
        yield server.url


def signed_in_cookie(base_url: str, email: str) -> dict:
    """The `_streamlit_user` cookie Streamlit sets once the identity provider has signed someone in."""
    from streamlit.web.server.starlette.starlette_app_utils import create_signed_value

    claims = {"origin": base_url, "is_logged_in": True, "email": email, "email_verified": True}
    value = create_signed_value(SECRETS["auth"]["cookie_secret"], "_streamlit_user", json.dumps(claims))
    return {"name": "_streamlit_user", "value": value.decode(), "url": base_url}


def settle(page: Page) -> None:
    """Until the run is over and nothing is stale (the update page builds only its open tab)."""
    page.wait_for_timeout(300)
    page.locator(IDLE).wait_for(state="attached", timeout=30_000)
    expect(page.locator('[data-stale="true"]')).to_have_count(0, timeout=30_000)


def spent_to_date(extra: Decimal = Decimal(0)) -> str:
    """The overview's "Spent to date" from the seed file itself (payments on or before the as-at date),
    marked † as it includes the seed's sample payments."""
    _, rows = seed_rows("spend.csv")
    return money(sum(Decimal(row["amount"]) for row in rows if row["spend_date"] <= AS_AT_ISO) + extra) + "†"


def in_own_thread(work: Callable[[], None]) -> None:
    """Run `work` in a thread of its own: Playwright's sync API refuses to start where another
    Playwright (the browser suite's session-wide one) already runs an event loop."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(work).result()


def update_through_one_and_watch_two(one: str, two: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        board = chromium.new_context(viewport=VIEWPORT, locale="en-GB", timezone_id="Europe/London").new_page()
        open_page(board, f"{two}/{address('')}")
        expect(metric(board, SPENT)).to_have_text(spent_to_date())

        analyst_context = chromium.new_context(viewport=VIEWPORT, locale="en-GB", timezone_id="Europe/London")
        analyst_context.add_cookies([signed_in_cookie(one, ANALYST)])
        analyst = analyst_context.new_page()
        analyst.goto(f"{one}/{address('update_data')}")
        settle(analyst)
        expect(analyst.locator('[data-testid="stMain"] h1').first).to_have_text("Update data")
        analyst.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
            [{"name": name, "mimeType": "text/csv", "buffer": data} for name, data in monthly_update().items()]
        )
        expect(metric(analyst, "Rows added")).to_have_text("12", timeout=30_000)
        expect(metric(analyst, "Rows changed")).to_have_text("3")
        analyst.get_by_role("button", name="Apply").click()
        expect(analyst.get_by_text("Applied spend.csv, progress_update.csv: 12 rows added, 3 changed")).to_be_visible(
            timeout=30_000
        )

        updated = spent_to_date(NEW_SPEND_TOTAL)
        open_page(analyst, f"{one}/{address('')}")
        expect(metric(analyst, SPENT)).to_have_text(updated)

        time.sleep(1.1)  # the version lookup is cached for 1 s: this is "the next page view" after it
        board.reload()
        settle(board)
        expect(metric(board, SPENT)).to_have_text(updated)
        assert updated != spent_to_date()
        chromium.close()


def test_an_update_through_one_server_shows_on_the_other(seeded_url: str, tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        skip_unless_ci(f"no Chromium at {CHROMIUM}")
    url = writable_copy(seeded_url, tmp_path)
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    with (
        app_server(url, tmp_path / "one", sign_in=True) as one,
        app_server(url, tmp_path / "two", sign_in=False) as two,
    ):
        in_own_thread(lambda: update_through_one_and_watch_two(one, two))

    engine = make_engine(url)
    with engine.connect() as connection:
        newest = connection.execute(select(DataLoad.actor, DataLoad.action).order_by(DataLoad.id.desc())).first()
    engine.dispose()
    assert tuple(newest) == (ANALYST, "upload"), "the change went through server 1's page, as the analyst"
