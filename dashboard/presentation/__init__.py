"""How figures read, on screen and in the pack alike: money, dates, counts, the sample-data mark
and the palette. No Streamlit here: the pack imports it too."""
