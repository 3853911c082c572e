"""Download buttons every page can add: a CSV per table, one Excel workbook, and the briefing pack.

Files are made only when a button is clicked (a callable passed as ``data``) and a click does not
rerun the page (``on_click="ignore"``). Every CSV and workbook goes through `safe_for_export`,
the same small-number and formula check as the command line; the PDF is cached on the data
version and the period, like any query.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd
import streamlit as st

from dashboard.briefing.minutes import make_minutes
from dashboard.briefing.pack import make_pack
from dashboard.briefing.page_tables import readable
from dashboard.briefing.safe_export import csv_bytes
from dashboard.briefing.workbook import workbook_bytes
from dashboard.plumbing.cached_queries import query
from dashboard.presentation.formatting import day
from data_model.queries.common import SMALL_NUMBER
from data_model.scope import Scope

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "table"


def download_buttons(frames: Mapping[str, pd.DataFrame], name: str) -> None:
    """A "Download" menu with a CSV of each table and an Excel workbook of them all.

    `frames`: table title -> the DataFrame shown on the page (query column names are made
    readable); `name`: the file name stem, e.g. ``f"spend-as-at-{scope.as_at}"``.
    """
    tables = {title: readable(frame) for title, frame in frames.items()}
    stem = _slug(name)
    with st.popover("Download", icon=":material/download:"):
        st.download_button(
            "All tables (Excel)",
            data=lambda: workbook_bytes(tables),
            file_name=f"{stem}.xlsx",
            mime=XLSX,
            on_click="ignore",
            icon=":material/table_view:",
            key=f"xlsx-{stem}",
            width="stretch",
        )
        for title, frame in tables.items():
            st.download_button(
                f"{title} (CSV)",
                data=lambda frame=frame: csv_bytes(frame),
                file_name=f"{stem}-{_slug(title)}.csv",
                mime="text/csv",
                on_click="ignore",
                icon=":material/csv:",
                key=f"csv-{stem}-{_slug(title)}",
                width="stretch",
            )
        st.caption(
            f"Participant counts under {SMALL_NUMBER} are withheld; text that a spreadsheet would "
            "run as a formula starts with an apostrophe."
        )


def briefing_pack_button(scope: Scope) -> None:
    """The Deputy Mayor's briefing pack (PDF) for the chosen scope, made when clicked."""
    st.download_button(
        "Briefing pack (PDF)",
        data=lambda: query(make_pack, scope),
        file_name=f"briefing-pack-as-at-{scope.as_at.isoformat()}.pdf",
        mime="application/pdf",
        on_click="ignore",
        icon=":material/picture_as_pdf:",
        key="briefing-pack",
        help=f"A printable highlight report as at {day(scope.as_at)}, with the changes since {scope.since_label}.",
    )


def minutes_buttons(meeting_id: str, documented_only: bool) -> None:
    """The meeting's minutes, drafted from its record: Word to edit, PDF to keep; each made when clicked."""
    for kind, label, mime, icon in (
        (
            ".docx",
            "Minutes (Word)",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "edit_document",
        ),
        (".pdf", "Minutes (PDF)", "application/pdf", "picture_as_pdf"),
    ):
        st.download_button(
            label,
            data=lambda kind=kind: query(make_minutes, meeting_id, kind, documented_only),
            file_name=f"minutes-{meeting_id}{kind}",
            mime=mime,
            on_click="ignore",
            icon=f":material/{icon}:",
            key=f"minutes{kind}",
        )
