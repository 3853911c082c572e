"""The data version: the id of the newest change in the audit trail.

Caches in every app server are keyed on it, so a load through one server shows on all of them.
"""

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from data_model.tables import DataLoad


def data_version(engine: Engine) -> int:
    """0 for a database that has never been loaded."""
    with Session(engine) as session:
        return session.exec(select(func.coalesce(func.max(DataLoad.id), 0))).one()
