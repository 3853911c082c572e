"""Which decisions the spend page's cumulative chart draws at first: those nearest their line.

Each panel of that figure is a set of axes, limit lines and labels the browser lays out on every
visit to the page: with fourteen decisions it was two thirds of the page's drawing time, most of it
below the fold. The board looks first at the decisions closest to needing a further decision; the
others are one switch away (`?all_decisions=true`).
"""

from __future__ import annotations

import pandas as pd

DRAWN_AT_FIRST = 4


def nearest_their_line(running: pd.DataFrame, decisions: pd.DataFrame, count: int = DRAWN_AT_FIRST) -> pd.DataFrame:
    """The `count` rows of `decisions` whose spend to date (the last running total in `running`,
    `money.spend_lines`) is the largest share of their further-decision line, or of their initial
    value where no line is set; in their order in `decisions`, the earlier first on a tie."""
    spent = running.groupby("decision_ref", sort=False)["cumulative"].last().astype(float)
    line = decisions["further_decision_threshold"].fillna(decisions["initial_value"]).astype(float)
    share = decisions["reference"].map(spent) / line
    return decisions.loc[decisions.index.isin(share.nlargest(count).index)]
