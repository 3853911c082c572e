"""Uploading the board's CSV files: check them, preview the change, then apply it in one go or cancel.

The checks and the write are the command line's own (`data_model.writes.replace`): an upload may
be any subset of the files, its references are checked against the database's other tables, and
nothing is written unless every file is clean. Between preview and apply the files wait in the
session with the data version they were previewed on; Apply hands them to the write path, which
checks the role, validates them again under its lock and refuses if anyone changed the data since.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st
from sqlalchemy.engine import Engine

from dashboard.plumbing.cached_queries import get_engine, refresh
from dashboard.plumbing.sign_in import current_actor
from dashboard.presentation.formatting import day
from data_model.queries.audit import audit_log
from data_model.writes.audit import data_version
from data_model.writes.csv_files import Problem, ValidationFailed
from data_model.writes.export import current_data_zip
from data_model.writes.path import StaleData
from data_model.writes.replace import ChangeSummary, preview, upload
from data_model.writes.roles import Actor, NotAllowed, Role

ROUND = "upload_round"  # part of the uploader's key: a new round is a fresh, empty uploader
CHECKED = "upload_checked"
OUTCOME = "upload_outcome"


@dataclass(frozen=True)
class Checked:
    """The result of checking one set of uploaded files, kept until it is applied or cancelled."""

    digest: str
    files: dict[str, bytes]  # by a name unique per upload, so two files with one name are both reported
    version: int  # the data version the preview was made on
    problems: tuple[Problem, ...] = ()
    summary: ChangeSummary | None = None


# -- the current data, as the files an upload takes ----------------------------------------------


def download_current_data() -> None:
    st.download_button(
        "Download the current data",
        data=lambda: current_data_zip(get_engine()),
        file_name=f"victim-care-board-data-{date.today().isoformat()}.zip",
        mime="application/zip",
        icon=":material/download:",
        key="download_current_data",
    )
    st.caption(
        "A zip of the CSV files this page accepts, one per table: edit them in a spreadsheet and "
        "upload the ones you changed. They hold the working data, including small forum attendance "
        "counts that the dashboard hides: keep them within the analysts' team."
    )


# -- upload, check, preview, apply ----------------------------------------------------------------


def upload_and_apply(actor: Actor) -> None:
    """The uploader, then the problems found or a preview of the change with Apply and Cancel."""
    files = st.file_uploader(
        "The CSV files you changed",
        type="csv",
        accept_multiple_files=True,
        key=f"upload_{st.session_state.setdefault(ROUND, 0)}",
        help="Any of the board's files, named as in the download (spend.csv, progress_update.csv ...). "
        "Only the tables you upload are replaced; the others stay as they are.",
    )
    shown = _show_outcome()
    if not files:
        if not shown:
            st.info("Choose one or more of the board's CSV files to see what they would change.")
        return
    checked = _checked(files)
    if checked.problems:
        _show_problems(checked.problems)
        st.button("Cancel", on_click=_cancel, key="upload_cancel")
        return
    _show_totals(checked.summary)
    removes = checked.summary.removed and not actor.may(Role.ADMIN)  # a courtesy: the write path decides
    if removes:
        st.warning(
            f'These files would remove {checked.summary.removed} rows (listed under "Which rows"). '
            "Removing rows needs an admin: ask one to apply these files, or put the rows back and "
            "upload the files again."
        )
    elif checked.summary.unchanged:
        st.info("These files match the current data: there is nothing to apply.")
    with st.container(horizontal=True):
        st.button(
            "Apply",
            type="primary",
            icon=":material/check:",
            key="upload_apply",
            disabled=bool(removes or checked.summary.unchanged),
            on_click=_apply,
        )
        st.button("Cancel", on_click=_cancel, key="upload_cancel")
    _show_rows(checked.summary)


def _checked(files: list) -> Checked:
    """Validate and preview the files once; reuse the result while the same files stay uploaded."""
    # Keys unique per upload, so two files with the same name reach the loader (which reports them).
    named = {f"{index}/{file.name}": file.getvalue() for index, file in enumerate(files)}
    digest = hashlib.sha256(b"".join(name.encode() + b"\0" + data for name, data in named.items())).hexdigest()
    checked = st.session_state.get(CHECKED)
    if checked is None or checked.digest != digest:
        checked = _check(get_engine(), named, digest)
        st.session_state[CHECKED] = checked
    return checked


def _check(engine: Engine, named: dict[str, bytes], digest: str) -> Checked:
    version = data_version(engine)
    try:
        summary = preview(engine, named)
    except ValidationFailed as failure:
        return Checked(digest, named, version, problems=tuple(failure.problems))
    return Checked(digest, named, version, summary=summary)


def _apply() -> None:
    """Hand the previewed files to the write path: one transaction, unless the data changed since.

    Who is applying is read now, not when the button was drawn: a role withdrawn in between counts.
    """
    checked: Checked = st.session_state.pop(CHECKED)
    engine = get_engine()
    try:
        summary = upload(engine, checked.files, actor=current_actor(), expected_version=checked.version)
    except (NotAllowed, ValidationFailed) as refusal:  # the write path decides, whatever the screen showed
        st.session_state[ROUND] += 1
        st.session_state[OUTCOME] = ("error", f"Nothing was applied: {refusal}", None)
        return
    except StaleData:
        newest = audit_log(engine).iloc[0]
        st.session_state[OUTCOME] = (
            "warning",
            "Nothing was applied: the data changed after your preview. The preview below is new: "
            "check it, then apply again.",
            f"Change {newest['version']}: {newest['action']} by {newest['actor']} at "
            f"{newest['loaded_at']:%H:%M} on {day(newest['loaded_at'].date())}.",
        )
        return  # the next run previews the same files again, against the data as it is now
    refresh()
    st.session_state[ROUND] += 1
    st.session_state[OUTCOME] = (
        "success",
        f"Applied {', '.join(_file_names(summary))}: {summary}. This is change {summary.data_version} in "
        "the audit log, and every screen now shows the new figures.",
        None,
    )


def _file_names(summary: ChangeSummary) -> list[str]:
    return [change.file_name for change in summary.tables.values()]


def _cancel() -> None:
    st.session_state.pop(CHECKED, None)
    st.session_state[ROUND] += 1
    st.session_state[OUTCOME] = ("info", "Cancelled: nothing was changed.", None)


def _show_outcome() -> bool:
    """What the last Apply or Cancel did (our own words; people's names only as plain text)."""
    outcome = st.session_state.pop(OUTCOME, None)
    if outcome:
        kind, message, detail = outcome
        getattr(st, kind)(message)
        if detail:
            st.text(detail)
    return outcome is not None


def _show_problems(problems: tuple[Problem, ...]) -> None:
    count = len(problems)
    st.error(
        f"{count} problem{'s' if count != 1 else ''} found, so nothing can be applied and nothing has "
        "changed. Fix them in your files and upload them again."
    )
    table = pd.DataFrame(
        {
            "File": [problem.file for problem in problems],
            "Row": pd.array([problem.row for problem in problems], dtype="Int64"),
            "Column": [problem.column or "" for problem in problems],
            "Problem": [problem.message for problem in problems],
        }
    )
    st.dataframe(table, hide_index=True, width="stretch", key="upload_problems")


def _show_totals(summary: ChangeSummary) -> None:
    """Rows added, changed and removed, in all and per file."""
    compared = "Compared with the current data row by row, by each row's key (the id column)."
    with st.container(horizontal=True):
        st.metric("Rows added", f"{summary.added:,}", border=True, help=compared)
        st.metric("Rows changed", f"{summary.changed:,}", border=True, help=compared)
        st.metric("Rows removed", f"{summary.removed:,}", border=True, help=compared)
    per_file = pd.DataFrame(summary.as_records()).drop(columns="table")
    per_file.columns = ["File", "Added", "Changed", "Removed", "Rows now", "Rows after"]
    st.dataframe(per_file, hide_index=True, width="stretch", key="upload_preview")


def _show_rows(summary: ChangeSummary) -> None:
    """The key of every row added, changed or removed, on request."""
    keys = [
        {"File": change.file_name, "Change": what, "Key": key}
        for change in summary.tables.values()
        for what, found in (
            ("added", change.added_keys),
            ("changed", change.changed_keys),
            ("removed", change.removed_keys),
        )
        for key in found
    ]
    with st.expander("Which rows"):
        if keys:
            st.dataframe(pd.DataFrame(keys), hide_index=True, width="stretch", key="upload_keys")
        else:
            st.info("No row would change.")
