"""The layers go one way: dashboard -> data_model <- seed, and inside dashboard the shared pieces
never reach up into what uses them.

Read from the source with `ast`, so a lazy import inside a function counts as much as one at the
top: `data_model` imports neither `dashboard`, `seed` nor Streamlit; `dashboard` never imports `seed`;
the shared widgets import nothing from the pack or the forms; the presentation helpers and the pack
(shared by screen and paper) import no Streamlit.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.helpers.environment import PROJECT_ROOT

FORBIDDEN = {
    "data_model": {"dashboard", "seed", "streamlit"},
    "dashboard": {"seed"},
    "seed": {"dashboard", "streamlit"},
    "dashboard/widgets": {"dashboard.briefing", "dashboard.download_menu", "dashboard.forms", "dashboard.app_pages"},
    "dashboard/presentation": {"streamlit", "plotly", "dashboard.widgets", "dashboard.plumbing", "dashboard.briefing"},
    "dashboard/briefing": {"streamlit", "dashboard.widgets", "dashboard.plumbing", "dashboard.forms"},
}
"""Folder -> modules (and everything under them) that no module in the folder may import."""


def imported_modules(source: Path) -> set[str]:
    """The dotted name of every import in `source` (relative imports stay inside their package)."""
    modules = set()
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"), str(source))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules.update(f"{node.module}.{alias.name}" for alias in node.names)
    return modules


def forbidden_in(source: Path, forbidden: set[str]) -> list[str]:
    """The imports of `source` that are, or lie under, a module in `forbidden`."""
    return sorted(
        module
        for module in imported_modules(source)
        if any(module == f or module.startswith(f"{f}.") for f in forbidden)
    )


def test_the_walk_finds_every_kind_of_import(tmp_path: Path) -> None:
    module = tmp_path / "example.py"
    module.write_text("import streamlit as st\ndef f():\n    from seed.synthetic import generate\nfrom . import x\n")
    assert imported_modules(module) == {"streamlit", "seed.synthetic.generate"}
    assert forbidden_in(module, {"seed"}) == ["seed.synthetic.generate"]
    assert forbidden_in(module, {"seeds", "streamlit.x"}) == []


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_no_layer_imports_against_the_arrows(layer: str) -> None:
    modules = sorted((PROJECT_ROOT / layer).rglob("*.py"))
    assert modules, f"no modules found under {layer}/"
    wrong = {str(module.relative_to(PROJECT_ROOT)): forbidden_in(module, FORBIDDEN[layer]) for module in modules}
    assert {module: found for module, found in wrong.items() if found} == {}
