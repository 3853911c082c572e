"""Actors for tests that write: the role each write needs, as the write path checks it."""

from data_model.writes.roles import Actor, Role


def analyst(name: str = "tests") -> Actor:
    return Actor(name, Role.ANALYST)


def admin(name: str = "tests") -> Actor:
    return Actor(name, Role.ADMIN)
