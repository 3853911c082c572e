"""Every public query, found by walking `data_model.queries`, honours "documented figures only".

A query asked for documented figures only over the whole data must answer exactly as the same query
asked for everything over a database loaded with the documented rows alone (`documented_files`: the
oracle, made with the csv module rather than the code under test), and no row or figure it returns
may be flagged illustrative. Over the seed, a synthetic set (the seed plus a generated portfolio, all
of it sample data) and that set with half its rows marked documented (`mixed_files`), where
documented and sample rows meet in every join. A new query is covered without anyone adding it here: it only has
to take the scope, as every query must (`test_every_query_takes_the_scope`).
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

import data_model.queries
from data_model.db import make_engine
from data_model.scope import Scope
from seed.synthetic import generate
from tests.helpers.databases import load_seed
from tests.helpers.documented_copy import documented_files, mixed_files
from tests.helpers.environment import SEED_DIR
from tests.helpers.long_registers import PORTFOLIO

UNSCOPED = {
    "data_model.queries.audit": "the audit trail records changes to the data, and holds no sample rows",
    "data_model.queries.common.read_frame": "runs a statement it is given; the statement carries the scope",
    "data_model.queries.common.counts_with_sample": "counts over conditions it is given, which carry the scope",
}
"""Functions taking an engine but no scope, and why that is right."""

IDS = {
    "forum_id": "SELECT id FROM forum ORDER BY illustrative, id",
    "reference": "SELECT reference FROM decision ORDER BY illustrative, reference",
    "risk_id": "SELECT id FROM risk ORDER BY illustrative, id",
    "milestone_id": "SELECT id FROM milestone ORDER BY illustrative, id",
    "recommendation_id": "SELECT id FROM recommendation ORDER BY illustrative, id",
    "meeting_id": "SELECT id FROM board_meeting ORDER BY illustrative, id",
}
"""What a required argument other than the scope is, by its name: records of each kind, documented first."""
EACH_KIND = 4
"""Records tried for each required argument: documented ones and sample ones alike."""

SCOPE = Scope(date(2026, 11, 22), date(2026, 8, 13), "the board of 13 Aug 2026")


def engine_queries() -> Iterator[tuple[str, Callable[..., Any]]]:
    """Every public function of `data_model.queries` whose first parameter is the engine."""
    for module_info in pkgutil.iter_modules(data_model.queries.__path__):
        module = importlib.import_module(f"data_model.queries.{module_info.name}")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("_") or function.__module__ != module.__name__:
                continue
            parameters = list(inspect.signature(function).parameters)
            if parameters[:1] == ["engine"]:
                yield f"{module.__name__}.{name}", function


def unscoped(name: str) -> bool:
    return any(name == allowed or name.startswith(f"{allowed}.") for allowed in UNSCOPED)


SCOPED = {name: function for name, function in engine_queries() if not unscoped(name)}


def test_the_walk_finds_the_queries_every_page_calls():
    assert len(SCOPED) > 40
    assert {"data_model.queries.money.headline", "data_model.queries.risks.risk_summary"} <= set(SCOPED)


def test_every_query_takes_the_scope():
    """Engine, then the scope: a query that reads sample rows cannot forget the toggle."""
    missing = [name for name, function in SCOPED.items() if list(inspect.signature(function).parameters)[1] != "scope"]
    assert missing == []


def required_arguments(function: Callable[..., Any]) -> list[str]:
    """The parameters after the engine and the scope that have no default."""
    parameters = list(inspect.signature(function).parameters.values())[2:]
    return [p.name for p in parameters if p.default is inspect.Parameter.empty and p.kind is p.POSITIONAL_OR_KEYWORD]


def test_every_required_argument_is_one_the_walk_can_fill():
    unknown = {name: required_arguments(function) for name, function in SCOPED.items()}
    assert {name: args for name, args in unknown.items() if set(args) - set(IDS)} == {}


def argument_sets(engine: Engine, function: Callable[..., Any]) -> list[tuple[Any, ...]]:
    """Arguments to call `function` with: each combination of a few records of each kind it needs."""
    sets: list[tuple[Any, ...]] = [()]
    for name in required_arguments(function):
        with engine.connect() as connection:
            keys = [row[0] for row in connection.execute(text(IDS[name]))]
        chosen = keys[:EACH_KIND] + keys[-EACH_KIND:]
        sets = [(*done, key) for done in sets for key in dict.fromkeys(chosen)]
    return sets


def illustrative_flags(result: Any) -> list[str]:
    """Where `result` says it holds sample data: a flag column set, or an illustrative part not zero."""
    found = []
    if isinstance(result, pd.DataFrame):
        for column in result.columns:
            if "illustrative" in str(column) and result[column].fillna(0).astype(float).any():
                found.append(str(column))
    elif isinstance(result, dict):
        found += [key for key, value in result.items() if "illustrative" in key and value]
    elif dataclasses.is_dataclass(result):
        found += illustrative_flags(dataclasses.asdict(result))
    return found


def assert_same(documented_only: Any, oracle: Any, where: str) -> None:
    if isinstance(oracle, pd.DataFrame):
        pd.testing.assert_frame_equal(
            documented_only.reset_index(drop=True),
            oracle.reset_index(drop=True),
            check_dtype=False,
            check_index_type=False,
            obj=where,
        )
    else:
        assert documented_only == oracle, where


@pytest.fixture(scope="module", params=["seed", "synthetic", "mixed"])
def both_databases(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple]:
    """The whole data, and the same data with only its documented rows loaded (the oracle)."""
    folder = tmp_path_factory.mktemp(request.param)
    files = SEED_DIR
    if request.param != "seed":
        files = folder / "files"
        generate(files, 500, portfolio=PORTFOLIO)
    if request.param == "mixed":
        files = mixed_files(files, folder / "mixed")
    engines = []
    for name, source in (("whole", files), ("documented", documented_files(files, folder / "documented"))):
        url = f"sqlite:///{folder / f'{name}.db'}"
        load_seed(url, Path(source))
        engines.append(make_engine(url))
    yield request.param, *engines
    for engine in engines:
        engine.dispose()


@pytest.mark.parametrize("name", sorted(SCOPED))
def test_documented_only_answers_as_the_documents_alone_would(both_databases, name):
    data, whole, documented = both_databases
    function = SCOPED[name]
    documented_scope = dataclasses.replace(SCOPE, documented_only=True)
    for arguments in argument_sets(whole, function):
        where = f"{name}{arguments} over the {data}"
        answer = function(whole, documented_scope, *arguments)
        assert illustrative_flags(answer) == [], where
        assert_same(answer, function(documented, SCOPE, *arguments), where)
