"""Nothing secret is committed or logged, secrets files are ignored by git, dependencies are pinned.

"Committed" means what git tracks plus what `git add -A` would add now (untracked files that are
not ignored), so a secrets file dropped into the project fails the suite before it is committed.
The fault page's hiding of database passwords is tested in tests/test_faults.py.
"""

from __future__ import annotations

import re
import subprocess
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from sqlalchemy.engine import URL

from data_model.db import make_engine
from tests.helpers.environment import PROJECT_ROOT, skip_unless_ci

SECRET_FILES = re.compile(r"(^|/)(secrets\.toml|\.env(\..+)?|.*\.pem|.*\.key|id_rsa.*|.*\.p12|.*\.pfx)$")
SECRET_TEXT = {
    "a private key": re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
    "an AWS access key": re.compile(r"\bAKIA[0-9A-Z]{16}\b"),
    "a GitHub token": re.compile(r"\bgh[pousr]_[A-Za-z0-9]{30,}\b"),
    "a Slack token": re.compile(r"\bxox[abprs]-[A-Za-z0-9-]{10,}"),
    "a password in a URL": re.compile(r"\b[a-z][a-z0-9+.-]*://[^\s/:@'\"]+:(?!\*+@)[^\s/@'\"<>]+@"),  # *** is hidden
    "a long random secret": re.compile(
        r"(?i)(secret|password|passwd|token|api_key)\w*\s*[=:]\s*[\"'][A-Za-z0-9_\-+/=]{24,}[\"']"
    ),
}
NOT_PINNED = {"pip", "setuptools", "wheel", "victim-care-board"}
"""The installer's own tools and the project itself (installed editable) are not pinned."""


def git(*args: str) -> list[str]:
    result = subprocess.run(["git", *args], cwd=PROJECT_ROOT, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        skip_unless_ci(f"not a git checkout: {result.stderr.strip()}")
    return [line for line in result.stdout.splitlines() if line]


def committed() -> list[str]:
    """Tracked files, and the untracked ones `git add -A` would add."""
    return sorted(set(git("ls-files")) | set(git("ls-files", "--others", "--exclude-standard")))


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_no_secrets_file_is_committed() -> None:
    files = committed()
    assert files
    assert not [path for path in files if SECRET_FILES.search(path)]


@pytest.mark.parametrize("path", [".streamlit/secrets.toml", ".env", "var/board.db"])
def test_secrets_and_local_data_are_git_ignored(path: str) -> None:
    assert git("check-ignore", "--no-index", path) == [path]


def test_an_example_secrets_file_shows_the_settings_with_placeholders() -> None:
    example = PROJECT_ROOT / ".streamlit" / "secrets.toml.example"
    settings = tomllib.loads(example.read_text(encoding="utf-8"))
    assert {"redirect_uri", "cookie_secret", "client_id", "client_secret"} <= set(settings["auth"])
    assert {"analysts", "admins"} <= set(settings["roles"])
    for name, value in settings["auth"].items():
        assert " " in value or "example" in value or "<" in value, f"[auth] {name} looks like a real value"


def test_no_committed_file_holds_a_secret() -> None:
    found = []
    for path in committed():
        file = PROJECT_ROOT / path
        if not file.is_file() or file.stat().st_size > 2_000_000:
            continue
        try:
            text = file.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # binary: images, fonts
        found += [f"{path}: {what}" for what, pattern in SECRET_TEXT.items() if pattern.search(text)]
    assert not found


def test_the_secret_patterns_catch_what_they_should() -> None:
    url = URL.create("postgresql+psycopg", "board", "s3cret-pass", "db.example", 5432, "board")
    assert SECRET_TEXT["a password in a URL"].search(url.render_as_string(hide_password=False))
    assert not SECRET_TEXT["a password in a URL"].search("postgresql+psycopg://postgres@127.0.0.1:5432/test")
    assert not SECRET_TEXT["a password in a URL"].search(url.render_as_string(hide_password=True))
    assert SECRET_TEXT["a long random secret"].search('cookie_secret = "' + "Zx9" * 12 + '"')
    assert SECRET_FILES.search(".streamlit/secrets.toml") and not SECRET_FILES.search("secrets.toml.example")


def test_every_installed_package_is_pinned_in_constraints() -> None:
    lines = [
        line.strip()
        for line in (PROJECT_ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    pins = {}
    for line in lines:
        match = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s=;]+)", line)
        assert match, f"constraints.txt: {line!r} is not pinned with =="
        pins[normalise(match[1])] = match[2]
    installed = {normalise(dist.metadata["Name"]): dist.version for dist in metadata.distributions()}
    unpinned = {name: version for name, version in installed.items() if name not in pins | dict.fromkeys(NOT_PINNED)}
    assert not unpinned, f"installed but not in constraints.txt: {unpinned}"
    drift = {
        name: (pins[name], version) for name, version in installed.items() if name in pins and pins[name] != version
    }
    assert not drift, f"installed versions differ from constraints.txt (pinned, installed): {drift}"


def test_every_declared_dependency_is_pinned() -> None:
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = [
        *project["dependencies"],
        *(d for extra in project.get("optional-dependencies", {}).values() for d in extra),
    ]
    pinned = {
        normalise(line.split("==")[0])
        for line in (PROJECT_ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
        if "==" in line
    }
    names = {normalise(re.match(r"[A-Za-z0-9._-]+", requirement)[0]) for requirement in declared}
    assert names <= pinned, f"declared but not pinned: {names - pinned}"


def test_the_engine_never_logs_sql_or_shows_a_password(tmp_path: Path) -> None:
    url = URL.create("postgresql+psycopg", "board", "s3cret-pass", "127.0.0.1", 1, "board")
    engine = make_engine(url.render_as_string(hide_password=False))  # does not connect
    assert not engine.echo and not engine.pool.echo  # None or False: SQL and connections are not logged
    assert "s3cret-pass" not in repr(engine) and "s3cret-pass" not in str(engine.url)
    local = make_engine(f"sqlite:///{tmp_path / 'board.db'}")
    assert not local.echo
