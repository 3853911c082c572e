"""The board's exports: the briefing pack (PDF), the workbook of every page's tables (Excel) and CSVs.

Built from the same query functions the pages call, without Streamlit, so the command line
(``python -m dashboard.briefing --help``) and the app's download buttons make the same files.
"""
