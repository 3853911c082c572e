"""Streamlit pieces more than one page draws: headline figures, tables, charts with their text
alternatives, status labels, filters bound to the address. Nothing here imports the pack."""
