"""The Excel workbook: one sheet per table, typed columns, money as numbers formatted £#,##0.

A column's type is read from its values (dates, whole numbers, decimals) and its header (money,
shares); every table first goes through `safe_for_export`, the same step as the CSV downloads.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal

import pandas as pd
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from dashboard.briefing.safe_export import is_participant_column, safe_for_export

MONEY_FORMAT = "£#,##0"
DATE_FORMAT = "d mmm yyyy"
COUNT_FORMAT = "#,##0"
PERCENT_FORMAT = "0.0%"
MONEY_COLUMN = re.compile(
    r"amount|spen[dt]|budget|£|value|cost|remaining|threshold|maximum|fund|approved|allocat|reserve|"
    r"headroom|balance|line\b|earmark|deployed|variance|limit|awaiting|drawn",
    re.IGNORECASE,
)
SHARE_COLUMN = re.compile(r"share|rate|percent|pct|%|proportion|ratio|compliance|change", re.IGNORECASE)
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
MAX_WIDTH = 60


def sheet_names(names: list[str]) -> list[str]:
    """Excel-legal, unique sheet names (31 characters, no []:*?/\\)."""
    result: list[str] = []
    for name in names:
        base = _SHEET_FORBIDDEN.sub("-", str(name)).strip("'") or "Sheet"
        candidate, n = base[:31], 2
        while candidate.lower() in (r.lower() for r in result):
            suffix = f" ({n})"
            candidate, n = base[: 31 - len(suffix)] + suffix, n + 1
        result.append(candidate)
    return result


def _kind(name: str, values: pd.Series) -> str:
    """'date', 'share', 'money', 'count', 'number' or 'text' for one column."""
    present = [v for v in values.tolist() if v is not None and not (isinstance(v, float) and pd.isna(v))]
    if pd.api.types.is_datetime64_any_dtype(values) or (
        present and all(isinstance(v, (date, datetime, pd.Timestamp)) for v in present)
    ):
        return "date"
    numbers = [v for v in present if isinstance(v, (int, float, Decimal)) and not isinstance(v, bool)]
    if not numbers or len(numbers) < len(present):
        return "count" if numbers and is_participant_column(name) else "text"  # "<5" among counts
    if SHARE_COLUMN.search(name) and all(-1 <= float(v) <= 1 for v in numbers) and not MONEY_COLUMN.search(name):
        return "share"
    if MONEY_COLUMN.search(name) or any(isinstance(v, Decimal) for v in numbers):
        return "money"
    if all(float(v).is_integer() for v in numbers):
        return "count"
    return "number"


def _typed(frame: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, str]]:
    """Values converted for openpyxl (money as float, counts as int, dates as dates) and each column's kind."""
    typed, kinds = frame.copy(), {}
    for column in frame.columns:
        values = frame[column]
        kind = kinds[column] = _kind(str(column), values)

        def convert(v: object, kind: str = kind) -> object:
            if v is None or (not isinstance(v, str) and pd.isna(v)):
                return None
            if kind == "date":
                stamp = pd.Timestamp(v)
                return stamp.date() if stamp == stamp.normalize() else stamp.to_pydatetime()
            if kind in ("money", "share", "number") and not isinstance(v, str):
                return float(v)
            if kind == "count" and not isinstance(v, str):
                return int(v)
            return v

        typed[column] = values.astype(object).map(convert).astype(object)
    return typed, kinds


def _format_sheet(sheet: Worksheet, frame: pd.DataFrame, kinds: dict[str, str]) -> None:
    formats = {"date": DATE_FORMAT, "money": MONEY_FORMAT, "count": COUNT_FORMAT, "share": PERCENT_FORMAT}
    for index, column in enumerate(frame.columns, start=1):
        letter = get_column_letter(index)
        header = sheet.cell(row=1, column=index)
        header.font = Font(bold=True)
        header.alignment = Alignment(wrap_text=True, vertical="top")
        number_format = formats.get(kinds[column])
        longest = len(str(column))
        for cell in sheet[letter][1:]:
            if number_format and not isinstance(cell.value, str):
                cell.number_format = number_format
            shown = 12 if kinds[column] in ("date", "money") else len(str(cell.value or ""))
            longest = max(longest, shown)
            if kinds[column] == "text" and len(str(cell.value or "")) > MAX_WIDTH:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[letter].width = min(MAX_WIDTH, longest + 2)
    sheet.freeze_panes = "A2"
    if len(frame.columns):
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(frame.columns))}{max(1, len(frame) + 1)}"


def workbook_bytes(frames: Mapping[str, pd.DataFrame]) -> bytes:
    """An .xlsx file with one formatted sheet per table, in the order given."""
    buffer = io.BytesIO()
    names = sheet_names(list(frames))
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in zip(names, frames.values(), strict=True):
            typed, kinds = _typed(safe_for_export(frame))
            typed.to_excel(writer, sheet_name=name, index=False)
            _format_sheet(writer.sheets[name], typed, kinds)
        if not frames:
            pd.DataFrame({"Note": ["No tables to export."]}).to_excel(writer, sheet_name="Empty", index=False)
    return buffer.getvalue()
