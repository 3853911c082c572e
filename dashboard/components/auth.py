"""Who is signed in, and what they may do: viewer (the default), analyst (may update data), admin.

Sign-in is Streamlit's OpenID Connect support (`st.login`), set up in the ``[auth]`` section of
``.streamlit/secrets.toml``; roles come from e-mail addresses listed in its ``[roles]`` section
(see ``.streamlit/secrets.toml.example``). Without an ``[auth]`` section nobody can sign in and
the app is read-only for everyone; analysts then update the data from the command line.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import streamlit as st

VIEWER, ANALYST, ADMIN = "viewer", "analyst", "admin"
RANK = {VIEWER: 0, ANALYST: 1, ADMIN: 2}
ROLE_LISTS = {ADMIN: "admins", ANALYST: "analysts"}
"""The role each ``[roles]`` list in the secrets grants, highest first."""


@dataclass(frozen=True)
class Person:
    email: str | None  # None when nobody is signed in
    role: str

    def may(self, role: str) -> bool:
        """At least `role`: an admin may do what an analyst may."""
        return RANK[self.role] >= RANK[role]

    @property
    def actor(self) -> str:
        """How the audit log names them."""
        return self.email or "anonymous"


def _secrets() -> Mapping[str, Any]:
    try:
        return st.secrets.to_dict()
    except FileNotFoundError:  # no secrets file at all: no sign-in, no roles
        return {}


def sign_in_configured() -> bool:
    return bool(_secrets().get("auth"))


def role_for(email: str | None, roles: Mapping[str, Any]) -> str:
    """The highest role whose list names `email` (case does not matter); viewer otherwise."""
    address = (email or "").strip().lower()
    for role, list_name in ROLE_LISTS.items():
        if address and address in {str(entry).strip().lower() for entry in roles.get(list_name, [])}:
            return role
    return VIEWER


def current_person() -> Person:
    """The signed-in person and their role; an anonymous viewer without sign-in.

    Only a verified sign-in counts: `st.user` must say so, sign-in must be configured, and an
    identity provider that reports the address unverified gets viewer rights.
    """
    secrets = _secrets()
    user = st.user
    if not secrets.get("auth") or user.get("is_logged_in") is not True:
        return Person(None, VIEWER)
    email = user.get("email")
    if user.get("email_verified") is False:
        return Person(email, VIEWER)
    return Person(email, role_for(email, secrets.get("roles", {})))


def render_account(person: Person) -> None:
    """The sidebar's sign-in / sign-out control (names are shown as text, never markdown)."""
    with st.sidebar:
        if not sign_in_configured():
            st.caption("Read-only: sign-in is not set up on this server.")
        elif person.email is None:
            st.button("Sign in", icon=":material/login:", on_click=st.login, key="sign_in")
        else:
            st.text(f"Signed in as {person.email} ({person.role})")
            st.button("Sign out", icon=":material/logout:", on_click=st.logout, key="sign_out")


def require(role: str) -> Person:
    """Stop the page with a clear message unless the person signed in has at least `role`."""
    person = current_person()
    if not person.may(role):
        st.title("Not available")
        st.info(
            f"This page is for signed-in {role}s; your role is {person.role}."
            if person.email
            else f"This page is for signed-in {role}s. Sign in from the sidebar, if sign-in is set up."
        )
        st.stop()
    return person
