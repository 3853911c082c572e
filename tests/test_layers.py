"""The layers go one way: dashboard -> data_model <- seed.

Read from the source with `ast`, so a lazy import inside a function counts as much as one at the
top: `data_model` imports neither `dashboard`, `seed` nor Streamlit; `dashboard` never imports `seed`.
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
}


def imported_packages(source: Path) -> set[str]:
    """The top-level package of every import in `source` (relative imports stay inside their package)."""
    packages = set()
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"), str(source))):
        if isinstance(node, ast.Import):
            packages.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            packages.add(node.module.split(".")[0])
    return packages


def test_the_walk_finds_every_kind_of_import(tmp_path: Path) -> None:
    module = tmp_path / "example.py"
    module.write_text("import streamlit as st\ndef f():\n    from seed.synthetic import generate\nfrom . import x\n")
    assert imported_packages(module) == {"streamlit", "seed"}


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_no_layer_imports_against_the_arrows(layer: str) -> None:
    modules = sorted((PROJECT_ROOT / layer).rglob("*.py"))
    assert modules, f"no modules found under {layer}/"
    wrong = {
        str(module.relative_to(PROJECT_ROOT)): sorted(imported_packages(module) & FORBIDDEN[layer])
        for module in modules
    }
    assert {module: found for module, found in wrong.items() if found} == {}
