"""Pieces every page shares: data access, formatting, status colours, the reporting period."""
