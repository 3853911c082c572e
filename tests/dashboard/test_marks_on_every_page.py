"""Walks every page of the app (read from its navigation, not listed here) and checks the promise on
sample data everywhere at once.

Over the seed, a figure, count, chart or "Why" sentence that the sample rows change (compared with
the same page over a database loaded with the documented rows alone, the oracle made by
`documented_files`) must carry its mark (†, in the value or the line under it, or the chart's
title). With "Documented figures only" on, no mark may appear anywhere on the page.
"""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.presentation.sample_marks import DAGGER
from data_model.settings import get_settings
from tests.helpers.databases import load_seed
from tests.helpers.documented_copy import documented_files
from tests.helpers.environment import PROJECT_ROOT, SEED_DIR
from tests.helpers.navigation import navigation_pages
from tests.helpers.seeded import AS_AT_ISO, rerun
from tests.helpers.update_files import ANALYST, app_as

PAGES = navigation_pages()
RECORDS_NOT_FIGURES = {"audit_log": "counts the changes made to the data, whatever the rows; no sample figure"}
"""Pages whose numbers describe the record of changes, not the programme: only the mark test applies."""


def test_the_walk_finds_every_page():
    assert {"overview", "changes", "risks", "milestones", "spend", "update_data", "audit_log"} <= set(PAGES)
    assert len(PAGES) == len(list((PROJECT_ROOT / "dashboard" / "app_pages").glob("*.py"))) - len(
        ["__init__", "compliance_charts", "forum_attendance", "spend_panels"]
    )


@pytest.fixture(scope="module")
def documented_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("documented")
    url = f"sqlite:///{folder / 'documented.db'}"
    load_seed(url, documented_files(SEED_DIR, folder / "files"))
    return url


def render(page: str, **params: str) -> AppTest:
    """The page as a signed-in analyst sees it (every page is theirs), as at the seed's day."""
    at = app_as(ANALYST)
    at.query_params["as_at"] = AS_AT_ISO
    at.query_params.update(params)
    at.run()
    at.switch_page(f"app_pages/{page}.py")
    return rerun(at)


def charts(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def chart_titles(at: AppTest) -> list[str]:
    return [chart["layout"].get("title", {}).get("text", "") for chart in charts(at)]


def texts(at: AppTest) -> list[str]:
    """Every piece of text the page shows: metrics, their notes, words, badges, tables and chart titles."""
    shown = [f"{metric.label}: {metric.value} {metric.proto.delta}" for metric in at.metric]
    for kind in ("markdown", "caption", "info", "warning", "success", "subheader", "header", "title"):
        shown += [element.value for element in at.get(kind)]
    shown += [str(badge.proto.label) for badge in at.get("badge")]
    for table in (*at.dataframe, *at.table):
        shown += [str(cell) for cell in table.value.to_numpy().ravel()]
    return shown + chart_titles(at)


def figures(at: AppTest) -> dict[str, tuple[str, str]]:
    return {metric.label: (metric.value, metric.proto.delta) for metric in at.metric}


def reasons(at: AppTest) -> list[str]:
    """The overall status's "Why" sentence, reason by reason."""
    why = [element.value for element in at.markdown if element.value.startswith("**Why:**")]
    return [part.strip() for line in why for part in line.removeprefix("**Why:**").rstrip(".").split(";")]


def unmarked(text: str) -> str:
    return text.replace(DAGGER, "")


@pytest.mark.parametrize("page", PAGES)
def test_with_documented_figures_only_no_page_shows_a_mark(app_env, page):
    marked = [text for text in texts(render(page, documented_only="true")) if DAGGER in text]
    assert marked == [], page


@pytest.mark.parametrize("page", [page for page in PAGES if page not in RECORDS_NOT_FIGURES])
def test_what_the_sample_rows_change_is_marked(app_env, documented_url, monkeypatch, page):
    whole = render(page)
    monkeypatch.setenv("DATABASE_URL", documented_url)
    get_settings.cache_clear()
    documents_alone = render(page)
    alone = {label: unmarked(value) for label, (value, _) in figures(documents_alone).items()}
    for label, (value, note) in figures(whole).items():
        if alone.get(label) != unmarked(value):
            assert DAGGER in value and note, f"{page}: {label} {value} ({note}) is built from sample rows"
    for reason in reasons(whole):
        if unmarked(reason) not in map(unmarked, reasons(documents_alone)):
            assert reason.endswith(DAGGER), f"{page}: the reason '{reason}' rests on sample rows"
    drawn_alone = [chart["data"] for chart in charts(documents_alone)]
    for index, chart in enumerate(charts(whole)):
        if index >= len(drawn_alone) or chart["data"] != drawn_alone[index]:
            title = chart["layout"].get("title", {}).get("text", "")
            assert title.startswith(DAGGER), f"{page}: chart {index} draws sample rows without saying so"
