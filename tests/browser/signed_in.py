"""A browser signed in as an analyst, with no identity provider.

After a real sign-in, Streamlit's OpenID Connect callback stores who signed in (e-mail address,
whether the provider verified it, the app's origin) in the ``_streamlit_user`` cookie, signed with
the ``[auth]`` ``cookie_secret``; every page then reads `st.user` from that cookie. Here the test
writes the secrets file, so it holds the secret, and sets the same cookie signed with Streamlit's
own signing function: the server sees what it would see after the provider answered. Nothing in
the app changes, and without the secret nobody can do the same. The real sign-in, through a local
identity provider, is tested in `test_sign_in_browser.py`; this cookie stands in for it elsewhere.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext
from streamlit.web.server.starlette.starlette_app_utils import create_signed_value

from tests.helpers.update_files import SECRETS

from .servers import Server, free_port, serve

USER_COOKIE = "_streamlit_user"


def secrets_toml(secrets: dict[str, dict]) -> str:
    """The `SECRETS` tables as TOML (strings and lists of strings, which JSON writes as TOML reads them)."""
    return "".join(
        f"[{table}]\n" + "".join(f"{key} = {json.dumps(value)}\n" for key, value in entries.items()) + "\n"
        for table, entries in secrets.items()
    )


@contextmanager
def server_with_sign_in(database_url: str, folder: Path, provider: str | None = None) -> Iterator[Server]:
    """The dashboard with sign-in set up and roles by address (`tests.helpers.update_files.SECRETS`).

    The secrets file is written in `folder`, never the project's own. The redirect URI is the
    server's own address; with `provider` (an OpenID Connect issuer's address) ``[auth]`` points
    at it, so the "Sign in" button signs in for real (`identity_provider.py`).
    """
    port = free_port()
    auth = SECRETS["auth"] | {"redirect_uri": f"http://127.0.0.1:{port}/oauth2callback"}
    if provider:
        auth["server_metadata_url"] = f"{provider}/.well-known/openid-configuration"
    secrets = folder / "secrets.toml"
    secrets.write_text(secrets_toml(SECRETS | {"auth": auth}))
    with serve(database_url, folder / "server.log", "--secrets.files", str(secrets), port=port) as server:
        yield server


@contextmanager
def signed_in(browser: Browser, server: Server, email: str, viewport: dict) -> Iterator[BrowserContext]:
    """A browser profile of its own (the cookie goes nowhere else) signed in to `server` as `email`."""
    payload = {"email": email, "email_verified": True, "origin": server.url, "is_logged_in": True}
    cookie = create_signed_value(SECRETS["auth"]["cookie_secret"], USER_COOKIE, json.dumps(payload))
    context = browser.new_context(viewport=viewport, locale="en-GB", timezone_id="Europe/London")
    context.add_cookies([{"name": USER_COOKIE, "value": cookie.decode(), "url": server.url}])
    try:
        yield context
    finally:
        context.close()
