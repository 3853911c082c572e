"""Who is signed in: the `Actor` (e-mail address and role) that pages hand to the write path.

This module only establishes identity; what a role may do is decided where the data is written
(`data_model.writes.roles`), so pages may hide or disable a control but never grant anything.
Sign-in is Streamlit's OpenID Connect support (`st.login`), set up in the ``[auth]`` section of
``.streamlit/secrets.toml``; roles come from e-mail addresses listed in its ``[roles]`` section
(see ``.streamlit/secrets.toml.example``). Without an ``[auth]`` section nobody can sign in and
the app is read-only for everyone; analysts then update the data from the command line.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from data_model.writes.roles import Actor, Role

ANONYMOUS = "anonymous"
"""How the audit log would name someone not signed in (a viewer, who cannot change anything)."""
ROLE_LISTS = {Role.ADMIN: "admins", Role.ANALYST: "analysts"}
"""The role each ``[roles]`` list in the secrets grants, highest first."""
NO_ADDRESS = (
    "Your identity provider did not send an e-mail address, so the app cannot tell your role: "
    "you are signed in as a viewer."
)
"""Said in the sidebar instead of the name: roles go by address, so without one the person sees the viewer's app."""


def _secrets() -> Mapping[str, Any]:
    try:
        return st.secrets.to_dict()
    except FileNotFoundError:  # no secrets file at all: no sign-in, no roles
        return {}


def sign_in_configured() -> bool:
    return bool(_secrets().get("auth"))


def role_for(email: str | None, roles: Mapping[str, Any]) -> Role:
    """The highest role whose list names `email` (case does not matter); viewer otherwise."""
    address = (email or "").strip().lower()
    for role, list_name in ROLE_LISTS.items():
        if address and address in {str(entry).strip().lower() for entry in roles.get(list_name, [])}:
            return role
    return Role.VIEWER


def signed_in(actor: Actor) -> bool:
    """Signed in with an address the app can name in the audit log and find a role by."""
    return actor.name != ANONYMOUS


def _provider_signed_in() -> bool:
    """The identity provider signed someone in (with or without an e-mail address)."""
    return st.user.get("is_logged_in") is True


def current_actor() -> Actor:
    """The signed-in person and their role; an anonymous viewer without sign-in.

    Only a verified sign-in counts: `st.user` must say so, sign-in must be configured, and an
    identity provider that reports the address unverified gets viewer rights.
    """
    secrets = _secrets()
    user = st.user
    if not secrets.get("auth") or not _provider_signed_in():
        return Actor(ANONYMOUS, Role.VIEWER)
    email = str(user.get("email") or ANONYMOUS)
    if user.get("email_verified") is False:
        return Actor(email, Role.VIEWER)
    return Actor(email, role_for(email, secrets.get("roles", {})))


def render_account(actor: Actor) -> None:
    """The sidebar's sign-in / sign-out control (names are shown as text, never markdown)."""
    with st.sidebar:
        if not sign_in_configured():
            st.caption("Read-only: sign-in is not set up on this server.")
        elif not _provider_signed_in():
            st.button("Sign in", icon=":material/login:", on_click=st.login, key="sign_in")
        else:
            if signed_in(actor):
                st.text(f"Signed in as {actor.name} ({actor.role})")
            else:  # signed in, but with no address to find a role by: say so, never show "Sign in" again
                st.warning(NO_ADDRESS, icon=":material/no_accounts:")
            st.button("Sign out", icon=":material/logout:", on_click=st.logout, key="sign_out")


def require(role: Role) -> Actor:
    """Stop the page with a clear message unless the person signed in has at least `role`.

    A courtesy to the reader only: every write checks the role again where it is made.
    """
    actor = current_actor()
    if not actor.may(role):
        st.title("Not available")
        st.info(
            f"This page is for signed-in {role}s; your role is {actor.role}."
            if _provider_signed_in()
            else f"This page is for signed-in {role}s. Sign in from the sidebar, if sign-in is set up."
        )
        st.stop()
    return actor
