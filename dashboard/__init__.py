"""The board's Streamlit app: its pages, the pieces they share, the forms and the briefing pack."""
