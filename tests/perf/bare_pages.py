"""The floor for a sidebar switch: bare Streamlit, as many pages as the app, one Plotly chart each.

`bench_browser.py` switches between these pages exactly as it does between the board's, in the same
run, so each page's switch is judged against what the framework and Plotly cost on this machine.
`BARE_PAGES` (environment) sets how many pages; page i is at `/p{i}` (the first at `/`) with the
heading "Bare page {i}".
"""

import os

import plotly.graph_objects as go
import streamlit as st


def chart_page(number: int):
    def page() -> None:
        st.title(f"Bare page {number}")
        st.plotly_chart(go.Figure(go.Bar(x=["A", "B", "C", "D", "E"], y=[3, 1, 4, 1, number])), theme=None)

    page.__name__ = f"bare_page_{number}"
    return page


pages = [
    st.Page(chart_page(number), title=f"Bare page {number}", url_path=f"p{number}", default=number == 0)
    for number in range(int(os.environ.get("BARE_PAGES", "10")))
]
st.navigation(pages).run()
