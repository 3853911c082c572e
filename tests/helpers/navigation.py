"""The app's pages as its navigation lists them, read from `dashboard/app.py` (so a new page is found)."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.helpers.environment import PROJECT_ROOT


def navigation_pages() -> list[str]:
    """Every page `app.py` registers (``st.Page("app_pages/<name>.py", ...)``), by name."""
    tree = ast.parse((PROJECT_ROOT / "dashboard" / "app.py").read_text(encoding="utf-8"))
    return [
        Path(node.args[0].value).stem
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and getattr(node.func, "attr", "") == "Page"
        and isinstance(node.args[0], ast.Constant)
    ]
