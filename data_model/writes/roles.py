"""Who may change the data: an actor's role, and the lowest role each kind of change needs.

The role is checked where the data is written (`allow`, called by `data_model.writes.path.write`
before anything is touched), never only by hiding or disabling a widget: a crafted client that
sends a click on a disabled button reaches the same check. Identity comes from outside (the
app's sign-in, the command line's user name); permission is decided only here.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    VIEWER = "viewer"
    ANALYST = "analyst"
    ADMIN = "admin"


RANK = {Role.VIEWER: 0, Role.ANALYST: 1, Role.ADMIN: 2}

LOAD, UPLOAD, EDIT, REMOVE_ROWS = "load", "upload", "edit", "remove rows"
LOWEST_ROLE: dict[str, Role] = {
    LOAD: Role.ANALYST,
    UPLOAD: Role.ANALYST,
    EDIT: Role.ANALYST,
    REMOVE_ROWS: Role.ADMIN,
}
"""Each kind of change and the lowest role that may make it; an admin may do what an analyst may."""


class NotAllowed(Exception):
    """The actor's role does not allow the change; nothing was written."""


@dataclass(frozen=True)
class Actor:
    """Who is making a change: how the audit log names them, and their role (a `Role` value)."""

    name: str
    role: str

    def may(self, role: str) -> bool:
        """At least `role` (False for a role this module does not know)."""
        return self.role in RANK and RANK[Role(self.role)] >= RANK[Role(role)]


def allow(actor: Actor, kind: str, *, count: int = 0) -> None:
    """Raise `NotAllowed`, in words for the person, unless `actor` may make a change of `kind`.

    `count` is how many rows a removal would take out, for the message.
    """
    if actor.role not in RANK:
        # A role nobody defined (a typo in a deployment's settings, a forged value) grants nothing.
        raise NotAllowed(
            f"{actor.name} has the unknown role {actor.role!r}: no change is allowed. Nothing was changed."
        )
    needed = LOWEST_ROLE[kind]
    if not actor.may(needed):
        what = f"remove rows (this change would remove {count:,})" if kind == REMOVE_ROWS else f"{kind} data"
        article = "an" if actor.role[0] in "aeiou" else "a"
        raise NotAllowed(f"Only {needed}s may {what}; {actor.name} is {article} {actor.role}. Nothing was changed.")
