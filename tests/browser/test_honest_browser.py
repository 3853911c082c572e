"""In Chromium: figures from sample data are marked in the metric itself, ``?documented_only=true``
shows only the documents' figures (the sidebar's pack too), and the files the pages' Download menus
make hold the figures, withhold small counts and keep formulas inert."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from decimal import Decimal

import openpyxl
import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.helpers.hostile_text import FORMULAS, hostile_database
from tests.helpers.seeded import AS_AT_ISO, rows

from .helpers import address, download, main, metric, open_page, pounds
from .servers import Server, serve

pytestmark = pytest.mark.browser
YEAR_BEFORE = f"{int(AS_AT_ISO[:4]) - 1}{AS_AT_ISO[4:]}"
"""The forum page's meetings are those in the year to the as-at date, from this day (excluded)."""


def card(page: Page, label: str):
    """The whole metric card: its value and the line under it."""
    return (
        main(page)
        .locator('[data-testid="stMetric"]')
        .filter(has=page.locator('[data-testid="stMetricLabel"]', has_text=re.compile(rf"^\s*{re.escape(label)}\s*$")))
        .first
    )


def test_spent_to_date_shows_its_sample_marker_in_the_metric(page: Page, app_url: str):
    open_page(page, app_url + address("/"))
    spent = sum(Decimal(p["amount"]) for p in rows("spend") if p["spend_date"] <= AS_AT_ISO)
    expect(metric(page, "Spent to date")).to_have_text(pounds(spent) + "†")
    expect(card(page, "Spent to date")).to_contain_text("all sample data")  # on the card, no hover needed
    expect(metric(page, "Reserves earmarked")).to_have_text("£155,324")  # PCD 603 §3.2: no mark


def test_documented_only_shows_the_documents_approvals(page: Page, app_url: str):
    open_page(page, app_url + address("/", documented_only="true"))
    documented = sum(Decimal(d["initial_value"]) for d in rows("decision") if d["illustrative"] == "false")
    expect(metric(page, "Approved")).to_have_text(pounds(documented))
    assert pounds(documented) == "£657,116"
    expect(metric(page, "Spent to date")).to_have_text("£0")
    expect(main(page)).not_to_contain_text("£819,116")
    expect(main(page)).to_contain_text("The source documents record no payments")


def test_the_sidebar_pack_honours_documented_only(page: Page, app_url: str):
    open_page(page, app_url + address("/", documented_only="true"))
    with page.expect_download() as info:
        page.get_by_role("button", name="Briefing pack (PDF)").click()
    text = " ".join(p.extract_text() for p in PdfReader(info.value.path()).pages)
    assert "£657,116" in text and "£819,116" not in text


def test_the_forum_downloads_withhold_small_counts(page: Page, app_url: str):
    open_page(page, app_url + address("/forums", forum="VVF-VAWG"))
    meetings = [
        m for m in rows("forum_meeting") if m["forum_id"] == "VVF-VAWG" and YEAR_BEFORE < m["meeting_date"] <= AS_AT_ISO
    ]
    small = [m for m in meetings if int(m["participants"]) < 5]
    assert small  # the seed has a small meeting in the year, so this test bites
    exported = list(csv.DictReader(io.StringIO(download(page, "Meetings (CSV)").decode("utf-8-sig"))))
    assert len(exported) == len(meetings)
    shown = [row["Participants"] for row in exported]
    assert shown.count("<5") == len(small)
    assert all(value == "<5" or int(value) >= 5 for value in shown)
    assert sorted(int(v) for v in shown if v != "<5") == sorted(
        int(m["participants"]) for m in meetings if m not in small
    )
    workbook = openpyxl.load_workbook(io.BytesIO(download(page, "All tables (Excel)")))
    sheet = workbook["Meetings"]
    header = [cell.value for cell in sheet[1]]
    column = header.index("Participants")
    values = [row[column] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert values.count("<5") == len(small)
    assert not [v for v in values if isinstance(v, int) and v < 5]


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("hostile-downloads")
    with serve(hostile_database(folder), folder / "server.log") as server:
        yield server


def test_downloaded_formulas_are_inert(page: Page, hostile_server: Server):
    open_page(page, hostile_server.url + address("/spend"))
    exported = download(page, "Payments (CSV)").decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(exported)) for cell in row]
    for formula in FORMULAS:
        assert "'" + formula in cells, formula
        assert formula not in cells, formula
    workbook = openpyxl.load_workbook(io.BytesIO(download(page, "All tables (Excel)")))
    texts = [c for sheet in workbook for row in sheet.iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert not [c for c in texts if c.startswith(("=", "+", "@"))]
    assert any(c == "'" + FORMULAS[0] for c in texts)
