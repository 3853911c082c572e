"""The board's Streamlit app: pages, shared components and the briefing pack."""
