"""Mends pieces of Streamlit's own markup that break WCAG rules, without losing what they do.

- The sidebar navigation is a ``ul`` whose children are each section's ``div`` (its header and
  its ``li`` links), so screen readers meet list items outside any list. Each section becomes a
  list named after its header (the header itself is hidden from screen readers, which read the
  name instead), and the outer ``ul`` only groups them. Sections still fold, links still mark the
  page open (``aria-current``).
- A metric's sparkline (``chart_data``) is an SVG with an empty, unnamed mark group. The sparklines
  here repeat the compliance trend, whose chart has a summary and a data table, so they are
  marked decorative.
- A static table (st.table) too wide for the page scrolls inside a box that the keyboard cannot
  reach: a box that scrolls takes the focus (and is named), so arrow keys scroll it.
- A multiselect's type-ahead box shrinks beside the chosen options to a sliver under WCAG 2.2's
  24 px target size: it keeps at least 24 px.

Streamlit redraws them at will, so a MutationObserver applies the fixes again after each change. The
script is a JavaScript-only component (``st.components.v2``), Streamlit's way of running the app's own code
in the page.

Security: the script is a constant of this module; no data, name or text from the database is
ever put into it (anything that is would run as code in every reader's browser).
"""

from __future__ import annotations

import streamlit as st

MEND = """
export default function () {
  if (window.__boardMarkupMended) return;
  window.__boardMarkupMended = true;
  const mend = () => {
    for (const items of document.querySelectorAll('[data-testid="stSidebarNavItems"]')) {
      items.setAttribute("role", "none");
      for (const section of items.children) {
        const header = section.querySelector(':scope > [data-testid="stNavSectionHeader"]');
        if (section.tagName !== "DIV" || !header) continue;
        section.setAttribute("role", "list");
        const name = header.querySelector('[data-testid="stMarkdownContainer"]')?.textContent ?? "";
        section.setAttribute("aria-label", name.trim());
        header.setAttribute("aria-hidden", "true");
      }
    }
    for (const sparkline of document.querySelectorAll('[data-testid="stMetric"] svg')) {
      sparkline.setAttribute("aria-hidden", "true");
    }
    for (const box of document.querySelectorAll('[data-testid="stTable"] > div')) {
      const scrolls = box.scrollWidth > box.clientWidth || box.scrollHeight > box.clientHeight;
      if (scrolls && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", "Table (scrolls)");
      }
    }
  };
  const style = document.createElement("style");
  style.textContent = '[data-testid="stMultiSelect"] input { min-width: 24px; }';
  document.head.appendChild(style);
  new MutationObserver(mend).observe(document.body, { childList: true, subtree: true });
  mend();
}
"""
_mender = st.components.v2.component("board_markup_mender", js=MEND)


def mend_framework_markup() -> None:
    """Mount the script above (a JavaScript-only component: no markup) in the reader's page; it acts once."""
    _mender(key="markup_mender")
