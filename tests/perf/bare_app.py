"""The floor for the crowd measurement: bare Streamlit drawing one Plotly chart, nothing else.

What ten browsers on this machine cost with no app at all: the framework's scripts, one session each
and Plotly's drawing. `bench_browser.py --crowd` sets the board's pages against it.
"""

import plotly.graph_objects as go
import streamlit as st

st.title("Bare Streamlit")
st.plotly_chart(go.Figure(go.Bar(x=["A", "B", "C", "D", "E"], y=[3, 1, 4, 1, 5])), theme=None)
