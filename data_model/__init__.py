"""The board's data: tables, engine, migrations and the query functions the app and exports read."""
