"""Text contrast measured on screen, at least 4.5:1 (WCAG 2.2 AA 1.4.3), where axe-core does not look or
where the app chose the colours: captions and metric deltas (drawn at 60% opacity over the page or the
sidebar), and the text inside charts, against the bar behind it or the white plot.

Each colour is what the browser computes, blended over what lies behind it, and the ratio is worked
out here with the WCAG formula.
"""

from __future__ import annotations

import pytest

from .helpers import main, open_page
from .test_pages import page_address

pytestmark = pytest.mark.browser

AA = 4.5
BLEND = """
    const parse = (c) => {
        const m = c.match(/rgba?\\(([^)]+)\\)/);
        if (!m) return null;
        const p = m[1].split(',').map(Number);
        return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
    };
    const over = (top, bottom) => [0, 1, 2].map(i => top[i] * top[3] + bottom[i] * (1 - top[3])).concat([1]);
    const behind = (element) => {  // the background under an element: its ancestors' fills blended over white
        const layers = [];
        for (let node = element; node; node = node.parentElement) {
            const fill = parse(getComputedStyle(node).backgroundColor);
            if (fill && fill[3] > 0) layers.push(fill);
            if (fill && fill[3] === 1) break;
        }
        return layers.reverse().reduce((bottom, top) => over(top, bottom), [255, 255, 255, 1]);
    };
    const opacity = (element, stop) => {
        let alpha = 1;
        for (let node = element; node && node !== stop; node = node.parentElement) {
            alpha *= parseFloat(getComputedStyle(node).opacity);
        }
        return alpha;
    };
"""
TEXT_COLOURS = (
    """(selector) => {"""
    + BLEND
    + """
    return [...document.querySelectorAll(selector)].filter(e => e.textContent.trim()).map(element => {
        const background = behind(element);
        const colour = parse(getComputedStyle(element).color);
        colour[3] *= opacity(element, null);
        return [element.textContent.trim().slice(0, 60), over(colour, background), background];
    });
}"""
)
CHART_TEXT = (
    """() => {"""
    + BLEND
    + """
    const found = [];
    for (const text of document.querySelectorAll('[data-testid="stPlotlyChart"] svg text')) {
        const style = getComputedStyle(text);
        const box = text.getBoundingClientRect();
        if (!text.textContent.trim() || box.width === 0 || style.visibility === 'hidden') continue;
        const alpha = opacity(text, text.closest('svg').parentElement) * parseFloat(style.fillOpacity);
        if (alpha === 0) continue;
        let background = behind(text.closest('[data-testid="stPlotlyChart"]'));
        const bar = text.closest('.point')?.querySelector('path');  // a count written inside its bar
        if (bar) {
            const b = bar.getBoundingClientRect();
            const inside = box.left >= b.left - 1 && box.right <= b.right + 1 && box.top >= b.top - 1
                && box.bottom <= b.bottom + 1;
            const fill = parse(getComputedStyle(bar).fill);
            if (inside && fill) background = over(fill, background);
        }
        const colour = parse(style.fill);
        colour[3] *= alpha;
        found.push([text.textContent.trim().slice(0, 60), over(colour, background), background]);
    }
    return found;
}"""
)


def ratio(first: list[float], second: list[float]) -> float:
    """The WCAG contrast ratio of two sRGB colours (0-255 channels), written out here on purpose."""

    def luminance(rgb: list[float]) -> float:
        def channel(value: float) -> float:
            c = value / 255
            return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

        red, green, blue = (channel(value) for value in rgb[:3])
        return 0.2126 * red + 0.7152 * green + 0.0722 * blue

    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def too_faint(measured: list) -> list[tuple[str, float]]:
    return [(text, round(ratio(fg, bg), 2)) for text, fg, bg in measured if ratio(fg, bg) < AA]


def test_the_ratio_matches_known_pairs() -> None:
    assert ratio([0, 0, 0], [255, 255, 255]) == pytest.approx(21)
    assert ratio([0x12, 0x43, 0x6D], [255, 255, 255]) == pytest.approx(10.25, abs=0.01)
    assert ratio([0x82, 0x81, 0x80], [255, 255, 255]) == pytest.approx(3.88, abs=0.02)  # the old captions


@pytest.mark.parametrize("path", ["/", "/compliance", "/audit_log"])
def test_captions_hints_and_metric_deltas_read_at_4_5_to_1(visit, path: str) -> None:
    page = visit(page_address(path))
    selector = '[data-testid="stCaptionContainer"], [data-testid="stMetricDelta"], [data-testid="stCaption"]'
    measured = page.evaluate(TEXT_COLOURS, selector)
    sidebar = [text for text, _, _ in measured if text.startswith("Read-only: sign-in is not set up")]
    assert sidebar, "the sidebar's caption was not measured"
    if path == "/compliance":
        assert any(text.startswith(("+", "-")) for text, _, _ in measured), "no metric delta measured"
    assert not too_faint(measured)


@pytest.mark.parametrize("path", ["/", "/spend", "/recommendations", "/forums", "/compliance"])
def test_chart_text_reads_at_4_5_to_1(page, app_url: str, path: str) -> None:
    open_page(page, app_url + page_address(path))
    assert main(page).locator('[data-testid="stPlotlyChart"]').count() > 0
    measured = page.evaluate(CHART_TEXT)
    assert len(measured) > 5, "too little chart text measured"
    assert not too_faint(measured)
