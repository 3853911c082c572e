"""Colours: the UK Analysis Function's accessible categorical palette, and status colours from it.

Colour never carries meaning alone: every status is also written out as its label.
"""

WHITE, BLACK = "#FFFFFF", "#000000"
TEXT = "#0B0C0C"
"""Body text, as the theme's textColor in .streamlit/config.toml (its 60% tint still reads at 5:1 on white)."""
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
    return BLACK if _luminance(hex_colour) > 0.179 else WHITE


TEXT_ON = {colour: text_on(colour) for colour in CATEGORICAL}
"""Text colour for each palette colour (WCAG 2.2 AA contrast)."""


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two #RRGGBB colours (1 to 21)."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


LABEL_TEXT_SWITCH = 0.5
"""Streamlit writes a coloured label in a table cell black on a fill whose luminance is above this, else white."""


def label_fill(hex_colour: str) -> str:
    """The fill for a status label in a table cell, so that Streamlit's own choice of text reads at 4.5:1 or more.

    Dark palette colours keep white text. On turquoise, orange and light purple white would fall to
    about 3:1, so those labels are filled with the colour's half tint over white instead, which
    takes black text (above 12:1).
    """
    if contrast(hex_colour, WHITE) >= 4.5:
        return hex_colour
    channels = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round((channel + 255) / 2):02X}" for channel in channels)


STATUS_LABEL_FILLS = {status: label_fill(colour) for status, colour in STATUS_COLOURS.items()}
"""Fill for each status's label in a table (`label_fill` of its palette colour)."""


def readable_on_white(hex_colour: str) -> str:
    """The colour itself for text on white when it reads at 4.5:1 or more (dark blue, pink, grey), else body text."""
    return hex_colour if contrast(hex_colour, WHITE) >= 4.5 else TEXT


RISK_BAND_COLOURS = {"High": DARK_PINK, "Medium": ORANGE, "Low": TURQUOISE}
"""A risk's band (data_model.queries.risks.band) in the colours of Red, Amber and Green."""
SCHEDULE_COLOURS = {
    "Slipped": DARK_PINK,
    "On track": TURQUOISE,
    "Achieved late": ORANGE,
    "Achieved": DARK_BLUE,
    "Cancelled": DARK_GREY,
}
"""A milestone against its baseline (data_model.queries.milestones.SCHEDULES)."""
ACTION_COLOURS = {"Overdue": DARK_PINK, "Open": LIGHT_PURPLE, "Done": DARK_BLUE, "Dropped": DARK_GREY}
"""An action from a board (data_model.queries.actions.OUTCOMES)."""


def label_fills(colours: dict[str, str]) -> dict[str, str]:
    """Table label fills (`label_fill`) for a set of labels and their palette colours."""
    return {label: label_fill(colour) for label, colour in colours.items()}
