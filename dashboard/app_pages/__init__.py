"""One module per page, as `app.py`'s navigation lists them; a view only one page draws sits beside
that page. Pages are scripts Streamlit runs, never imported."""
