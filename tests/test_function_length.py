"""Functions stay short enough to read in one screen: a function of more than `MOST_LINES` lines
in `dashboard/`, `data_model/` or `seed/` fails here, named with its file and line, so a long one
is split into named steps when it is written rather than found later.

Counted from the `def` line to the last line of the body, docstring included (a nested function
counts on its own too). The migrations' `upgrade()` functions are schema declarations, left out.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.helpers.environment import PROJECT_ROOT

MOST_LINES = 60
FOLDERS = ("dashboard", "data_model", "seed")
LEFT_OUT = PROJECT_ROOT / "data_model" / "migrations" / "versions"


def long_functions(source: Path, root: Path = PROJECT_ROOT) -> list[str]:
    """`file:line name (N lines)` for each function in `source` longer than `MOST_LINES` lines."""
    found = []
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"), str(source))):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            lines = (node.end_lineno or node.lineno) - node.lineno + 1
            if lines > MOST_LINES:
                found.append(f"{source.relative_to(root)}:{node.lineno} {node.name} ({lines} lines)")
    return found


def test_no_function_is_longer_than_sixty_lines() -> None:
    sources = [
        path
        for folder in FOLDERS
        for path in sorted((PROJECT_ROOT / folder).rglob("*.py"))
        if not path.is_relative_to(LEFT_OUT)
    ]
    assert len(sources) > 50  # the walk found the code
    assert [found for source in sources for found in long_functions(source)] == []


def test_sixty_lines_pass_and_sixty_one_fail(tmp_path: Path) -> None:
    statements = "".join(f"    x{line} = {line}\n" for line in range(58))
    sixty = f'async def sixty():\n    """Def line, docstring and 58 statements."""\n{statements}'
    probe = tmp_path / "probe.py"
    probe.write_text(sixty)
    assert long_functions(probe, tmp_path) == []
    probe.write_text(sixty + "    x58 = 58\n")
    assert long_functions(probe, tmp_path) == ["probe.py:1 sixty (61 lines)"]
