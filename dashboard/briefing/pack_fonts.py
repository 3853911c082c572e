"""The pack's typeface: DejaVu Sans where the system has it, else Bitstream Vera (shipped with reportlab).

Both are TrueType fonts embedded in the PDF, so £, –, † and any name in a narrative print as written.
"""

from __future__ import annotations

from pathlib import Path

import reportlab
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR, BOLD = "PackSans", "PackSans-Bold"

_CANDIDATES = (
    (
        Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
        Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ),
    (Path(reportlab.__file__).parent / "fonts" / "Vera.ttf", Path(reportlab.__file__).parent / "fonts" / "VeraBd.ttf"),
)


def register() -> None:
    """Register the pack's fonts once (idempotent)."""
    if REGULAR in pdfmetrics.getRegisteredFontNames():
        return
    regular, bold = next((r, b) for r, b in _CANDIDATES if r.exists() and b.exists())
    pdfmetrics.registerFont(TTFont(REGULAR, str(regular)))
    pdfmetrics.registerFont(TTFont(BOLD, str(bold)))
    for italic in (0, 1):
        addMapping(REGULAR, 0, italic, REGULAR)
        addMapping(REGULAR, 1, italic, BOLD)
