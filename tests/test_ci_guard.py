"""In CI, a test that needs PostgreSQL or Chromium fails instead of skipping, whatever CI's value says 'yes'."""

import pytest

from tests.helpers.environment import is_ci


@pytest.mark.parametrize(
    ("value", "expected"),
    [("true", True), ("1", True), ("yes", True), ("True", True), (" TRUE ", True), ("", False), (None, False),
     ("0", False), ("false", False), ("False", False)],
)  # fmt: skip
def test_any_value_but_empty_0_or_false_means_ci(value: str | None, expected: bool) -> None:
    assert is_ci(value) is expected
