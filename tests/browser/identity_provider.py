"""A local OpenID Connect provider (the `oidc-provider-mock` package) and a real sign-in through it.

The provider runs in a thread of the test process on a free port of 127.0.0.1 and signs in anyone
as anyone, without a password: that is what a test needs, and why it must never be reachable from
another machine. The people the tests sign in as are given to it with their claims, each one a
button on its authorization form. Its pages link a stylesheet from a CDN; a browser profile made
by `loopback_context` reaches nothing beyond this machine, so the tests run without a network.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from oidc_provider_mock import User, run_server_in_thread
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

from .helpers import RUN_SECONDS, address, open_page, wait_until_idle

SIDEBAR = '[data-testid="stSidebar"]'
BEYOND_LOOPBACK = re.compile(r"^(?!https?://(127\.0\.0\.1|localhost)[:/])[a-z]+://")
"""Any address a page asks for that is not on this machine (data: and blob: addresses load as usual)."""


@contextmanager
def identity_provider(people: Mapping[str, Mapping[str, object]]) -> Iterator[str]:
    """The provider's issuer address, until the block ends; `people` are claims by subject (`sub`)."""
    users = [User(sub=sub, claims=dict(claims)) for sub, claims in people.items()]
    with run_server_in_thread(user_claims=users) as server:
        host, port = server.server_address[:2]
        assert host == "127.0.0.1", f"the provider must listen on loopback only, not {host}"
        yield f"http://{host}:{port}"


@contextmanager
def loopback_context(browser: Browser, viewport: dict) -> Iterator[BrowserContext]:
    """A browser profile of its own (sign-in cookies go nowhere else) that reaches only this machine."""
    context = browser.new_context(viewport=viewport, locale="en-GB", timezone_id="Europe/London")
    context.set_default_timeout(RUN_SECONDS * 1000)
    context.route(BEYOND_LOOPBACK, lambda route: route.abort())
    try:
        yield context
    finally:
        context.close()


def sidebar(page: Page) -> Locator:
    return page.locator(SIDEBAR)


def sign_in(page: Page, app: str, person: str) -> None:
    """Click the app's "Sign in", choose `person` on the provider's form, and wait for the app again."""
    open_page(page, app + address("/"))
    sidebar(page).get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name=person, exact=True).click()  # on the provider's authorization form
    page.wait_for_url(f"{app}/")  # the app's callback sends the browser back to its first page
    wait_until_idle(page)


def sign_out(page: Page, app: str) -> None:
    """Click the app's "Sign out", end the session on the provider's page, and wait for the app again."""
    sidebar(page).get_by_role("button", name="Sign out").click()
    page.get_by_role("button", name="End session").click()  # the provider's end-session page
    page.wait_for_url(f"{app}/")
    wait_until_idle(page)
    expect(sidebar(page).get_by_role("button", name="Sign in")).to_be_visible()
