"""Status is never colour alone: every coloured status in the browser also spells its label."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from dashboard.presentation.palette import STATUS_COLOURS
from data_model.tables import STATUS_SCALE
from tests.helpers.seeded import AS_AT_ISO

from .helpers import address, grid_rows, main, sql_column, table_after

pytestmark = pytest.mark.browser

STATUS_BY_RGB = {
    f"rgb({int(hex_[1:3], 16)}, {int(hex_[3:5], 16)}, {int(hex_[5:7], 16)})": status
    for status, hex_ in STATUS_COLOURS.items()
}

LATEST_STATUSES = """
    SELECT (SELECT p.status FROM progress_update p
            WHERE p.recommendation_id = r.id AND p.update_date <= :as_at
            ORDER BY p.update_date DESC, p.id DESC LIMIT 1) AS status
    FROM recommendation r
"""


def coloured_cells(table) -> list[tuple[str, str]]:
    """(status the cell's colour stands for, the cell's text) for every cell filled with a status colour."""
    cells = table.locator("td").evaluate_all(
        "cells => cells.map(cell => [getComputedStyle(cell).backgroundColor, cell.textContent.trim()])"
    )
    return [(STATUS_BY_RGB[colour], label) for colour, label in cells if colour in STATUS_BY_RGB]


def by_height(labels) -> list[str]:
    """Chart labels top to bottom, so an axis label pairs with the bar label beside it."""
    placed = labels.evaluate_all(
        "labels => labels.map(label => [label.getBoundingClientRect().top, label.textContent.trim()])"
    )
    return [text for _, text in sorted(placed)]


@pytest.mark.parametrize(
    ("path", "heading"),
    [("/", "Needs a decision"), ("/changes", "Recommendation status moves")],
)
def test_coloured_status_cells_carry_their_label(visit, path, heading):
    page = visit(address(path))
    table = table_after(page, heading)
    if path == "/":  # the overview's list is short lines; its table (with the labels) is in the expander under it
        page.locator('[data-testid="stExpander"] summary').filter(has_text="The list as a table").click()
    expect(table).to_be_visible()
    cells = coloured_cells(table)
    assert cells, f"no status colour in the {heading!r} table"
    assert [label for _, label in cells] == [status for status, _ in cells]


def test_status_chart_labels_every_bar(visit, seeded_engine):
    """The overview's status chart names each status and writes its count, matching an independent count."""
    page = visit(address("/"))
    statuses = [status or "Not started" for status in sql_column(seeded_engine, LATEST_STATUSES, as_at=AS_AT_ISO)]
    expected = {status: str(statuses.count(status)) for status in set(statuses)}
    chart = main(page).locator('[data-testid="stPlotlyChart"]').first
    names, counts = (by_height(chart.locator(labels)) for labels in (".ytick text", ".bartext"))
    assert dict(zip(names, counts, strict=True)) == expected


def test_register_status_column_is_words(visit):
    page = visit(address("/recommendations"))
    rows = grid_rows(main(page).locator('[data-testid="stDataFrame"]').first)
    assert rows and {row["Status"] for row in rows} <= {*STATUS_SCALE, "Not started"}
