"""Query functions, one module per view: each takes an engine first and returns a DataFrame or plain values."""
