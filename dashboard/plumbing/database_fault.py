"""The page shown instead of the dashboard when its database cannot be used: what is wrong, how to fix it.

app.py shows it when a run's database work fails (missing, locked, unreachable, empty ...). Nothing
broken is remembered: Streamlit caches only an engine that was made without an error, a reachable
engine reconnects by itself (``pool_pre_ping``; a SQLite file replaced under it is reopened), and
every run reads the data version first, so once the database is back the next run shows the
dashboard again, whether the reader reloads, presses "Try again" or waits for this page's own retry.
A database error met while a page draws is checked against the database read afresh: only if that
fails too is it the database's fault (`current_problem`); otherwise the page's own error shows.
The database's address is shown with its password hidden.
"""

from __future__ import annotations

import time
from datetime import datetime

import streamlit as st

from dashboard.plumbing.cached_queries import current_version, refresh
from data_model.faults import DATABASE_ERRORS, diagnose, hidden
from data_model.settings import get_settings

RETRY_SECONDS = 10


def current_problem() -> BaseException | None:
    """What is wrong with the database now, its version read afresh (not the second-old copy); None
    when it answers."""
    refresh()
    try:
        current_version()
    except DATABASE_ERRORS as error:
        return error
    return None


def show_database_problem(error: BaseException) -> None:
    """Explain `error` and how to fix it; try the database every few seconds and reopen the app once it answers."""
    diagnosis = diagnose(error)
    st.title("The dashboard cannot use its database")
    st.error(diagnosis.problem, icon=":material/database_off:")
    st.subheader("How to fix it")
    st.markdown("\n".join(f"{number}. {fix}" for number, fix in enumerate(diagnosis.fixes, start=1)))
    st.caption("Database (DATABASE_URL, password hidden)")
    st.code(hidden(get_settings().database_url), language=None, wrap_lines=True)
    with st.expander("Technical detail"):
        st.code(f"{type(error).__name__}: {diagnosis.detail}", language=None, wrap_lines=True)
    st.button("Try again now", icon=":material/refresh:", key="fault_retry")
    _retry(time.monotonic())


@st.fragment(run_every=RETRY_SECONDS)
def _retry(shown_at: float) -> None:
    """Every few seconds, see whether the database answers again; if it does, rerun the whole app."""
    if time.monotonic() - shown_at >= RETRY_SECONDS and current_problem() is None:  # not on the failed run
        st.rerun(scope="app")
    st.caption(
        f"Last tried at {datetime.now():%H:%M:%S}. This page tries again every {RETRY_SECONDS} seconds "
        "and opens the dashboard as soon as the database answers."
    )
