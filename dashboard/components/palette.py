"""Colours: the UK Analysis Function's accessible categorical palette, and status colours from it.

Colour never carries meaning alone: every status is also written out as its label.
"""

CATEGORICAL = ("#12436D", "#28A197", "#801650", "#F46A25", "#3D3D3D", "#A285D1")
DARK_BLUE, TURQUOISE, DARK_PINK, ORANGE, DARK_GREY, LIGHT_PURPLE = CATEGORICAL

STATUS_COLOURS = {
    "Complete": DARK_BLUE,
    "Green": TURQUOISE,
    "Amber/Green": LIGHT_PURPLE,
    "Amber": ORANGE,
    "Amber/Red": DARK_GREY,
    "Red": DARK_PINK,
}
"""One palette colour per step of the delivery-confidence scale, in data_model.tables.STATUS_SCALE order."""



def _luminance(hex_colour: str) -> float:
    """WCAG relative luminance of a #RRGGBB colour."""

    def channel(byte: str) -> float:
        c = int(byte, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(hex_colour[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def text_on(hex_colour: str) -> str:
    """Black or white, whichever contrasts more with the background (at least 4.5:1 on this palette)."""
    return "#000000" if _luminance(hex_colour) > 0.179 else "#FFFFFF"


TEXT_ON = {colour: text_on(colour) for colour in CATEGORICAL}
"""Text colour for each palette colour (WCAG 2.2 AA contrast)."""
