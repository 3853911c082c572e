"""Text on its way through a spreadsheet: what one would run as a formula, and how text stays inert.

A text cell that begins ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is run as a formula
when a spreadsheet opens the file ("CSV injection": ``=HYPERLINK(...)`` can send data away), so no
file the app writes holds one as it is. The board's exports (page downloads, the workbook) are read,
never loaded back: `neutralise` adds a leading apostrophe. The analysts' files (the download of the
current data, ``python -m seed export``) come back through the loader, so the apostrophe must come
off again: `escape` adds one to a text that would run, or that starts with an apostrophe itself, and
`unescape` takes exactly that one off, so export then load gives back the text as it was, and text
that needs neither is written byte for byte as it is.

`trimmed` is how every door trims text: surrounding spaces go, unless taking them away would leave a
formula (``"\\t=1+1"`` and ``"  =1+1"`` are kept as written, never turned into a live ``=1+1``).
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_QUOTE = "'"


def runs_as_formula(text: str) -> bool:
    """Whether a spreadsheet would run `text` (or the text left once it trims the spaces before it)."""
    return text.startswith(FORMULA_STARTS) or text.lstrip().startswith(FORMULA_STARTS)


def neutralise(value: object) -> object:
    """A text cell that a spreadsheet would run as a formula, made inert with a leading apostrophe."""
    if isinstance(value, str) and runs_as_formula(value):
        return _QUOTE + value
    return value


def escape(text: str) -> str:
    """`text` as an analysts' file holds it: inert, and read back exactly by `unescape`."""
    if text.startswith(_QUOTE) or runs_as_formula(text):
        return _QUOTE + text
    return text


def unescape(text: str) -> str:
    """The text an analysts' file's cell stands for: one leading apostrophe added by `escape` taken off."""
    if text.startswith(_QUOTE) and (text.startswith(_QUOTE, 1) or runs_as_formula(text[1:])):
        return text[1:]
    return text


def trimmed(text: str) -> str:
    """`text` without surrounding spaces, unless taking the leading ones away would leave a formula."""
    stripped = text.strip()
    if len(stripped) < len(text) and stripped.startswith(FORMULA_STARTS) and not text.startswith(stripped[0]):
        return text.rstrip()
    return stripped
