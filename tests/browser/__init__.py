"""Real-browser tests: the dashboard served by Streamlit, driven through Playwright in the system Chromium."""
