"""The naive peer of a board page, for the browser benchmark: the way most dashboards are written.

It reads whole tables into pandas (the page's naive twin in `pages.py` works out its figures that
way) and draws as many charts as the board's page does (``?charts=N``), each the cumulative spend
of a decision worked out in pandas from every payment, one point per payment day. Run with
``streamlit run tests/perf/naive_app.py`` and ``?page=spend&charts=18``; DATABASE_URL names the database.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "perf")]

import pandas as pd  # noqa: E402
import plotly.graph_objects as go  # noqa: E402
import streamlit as st  # noqa: E402
from pages import AS_AT, PAGES  # noqa: E402

from data_model.db import make_engine  # noqa: E402

name = st.query_params.get("page", "overview")
charts = int(st.query_params.get("charts", "0"))
engine = make_engine()
case = next(case for case in PAGES if case.name == name)

st.title(f"Naive {name}")
st.json(case.naive(engine, AS_AT))
if charts:
    spend = pd.read_sql_table("spend", engine)
    lines = pd.read_sql_table("budget_line", engine)
    paid = spend.merge(lines[["id", "decision_ref"]], left_on="budget_line_id", right_on="id")
    paid = paid[pd.to_datetime(paid["spend_date"]).dt.date <= AS_AT]
    daily = paid.groupby(["decision_ref", "spend_date"])["amount"].sum().astype(float).reset_index()
    references = sorted(daily["decision_ref"].unique()) or ["none"]
    for number in range(charts):
        reference = references[number % len(references)]
        mine = daily[daily["decision_ref"] == reference]
        figure = go.Figure(go.Scatter(x=mine["spend_date"], y=mine["amount"].cumsum(), mode="lines"))
        figure.update_layout(title=f"Cumulative spend, {reference}")
        st.plotly_chart(figure, key=f"naive_{number}")
