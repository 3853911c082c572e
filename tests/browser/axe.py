"""axe-core (the copy axe-playwright-python bundles) run on what a tab shows: the WCAG 2.0, 2.1 and 2.2
rules of levels A and AA, keeping what axe rates serious or critical."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

WCAG_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
BLOCKING = {"serious", "critical"}
MENDED = "() => window.__boardMarkupMended === true"
"""Set once dashboard/plumbing/markup_fixes.py's script has mended Streamlit's markup."""

_axe = Axe()


def serious_violations(page: Page) -> dict[str, list[str]]:
    """Rule id -> each element breaking it seriously or critically (its selector, then the start of its HTML).

    Waits (bounded) for the app's markup mender first: axe run before it would report markup the
    reader never meets, and a mender that never runs fails here.
    """
    page.wait_for_function(MENDED, timeout=10_000)
    options = {"runOnly": {"type": "tag", "values": WCAG_A_AA}, "resultTypes": ["violations"]}
    found: dict[str, list[str]] = {}
    for violation in _axe.run(page, options=options).response["violations"]:
        for node in violation["nodes"]:
            if node["impact"] in BLOCKING:
                where = " ".join(map(str, node["target"]))
                found.setdefault(violation["id"], []).append(f"{where}: {node['html'][:160]}")
    return found
