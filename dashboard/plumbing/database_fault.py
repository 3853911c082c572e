"""The page shown instead of the dashboard when its database cannot be used: what is wrong, how to fix it.

app.py shows it when a run's database work fails (missing, locked, unreachable ...). Nothing broken is
remembered: Streamlit caches only an engine that was made without an error, and a reachable engine
reconnects by itself (``pool_pre_ping``), so once the database is back the next run shows the
dashboard again, whether the reader reloads, presses "Try again" or waits for this page's own retry.
The database's address is shown with its password hidden.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime

import streamlit as st
from sqlalchemy.exc import InterfaceError, OperationalError

from data_model.faults import DATABASE_ERRORS, diagnose, hidden
from data_model.settings import get_settings

RETRY_SECONDS = 10
CONNECTION_LOST = (OperationalError, InterfaceError)
"""A database that answered at the start of a run and stopped answering during it."""


def show_database_problem(error: BaseException, check: Callable[[], object]) -> None:
    """Explain `error` and how to fix it; try `check` every few seconds and reopen the app once it works."""
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
    _retry(check, time.monotonic())


@st.fragment(run_every=RETRY_SECONDS)
def _retry(check: Callable[[], object], shown_at: float) -> None:
    """Every few seconds, see whether the database answers again; if it does, rerun the whole app."""
    if time.monotonic() - shown_at >= RETRY_SECONDS:  # not on the run that just failed
        try:
            check()
        except DATABASE_ERRORS:
            pass
        else:
            st.rerun(scope="app")
    st.caption(
        f"Last tried at {datetime.now():%H:%M:%S}. This page tries again every {RETRY_SECONDS} seconds "
        "and opens the dashboard as soon as the database answers."
    )
