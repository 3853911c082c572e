"""One day for the whole run: "today" is read once, so a run that crosses midnight sees one day.

The rulebook's load day (`data_model.rules.rows.today`) is held to it by an autouse fixture in
`tests/conftest.py`; tests that write "today" or "tomorrow" into a row import these.
"""

from datetime import date, timedelta

TODAY = date.today()
TOMORROW = TODAY + timedelta(days=1)
