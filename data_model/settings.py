"""Configuration from the environment (or a `.env` file): where the database is, and the board's time zone."""

from functools import cache
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE = PROJECT_ROOT / "var" / "board.db"
LONDON = "Europe/London"
"""The board's time zone: audit times are shown, and "today" is taken, in London."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str = f"sqlite:///{DEFAULT_SQLITE}"


@cache
def get_settings() -> Settings:
    """Read once per process (every query asks); tests that switch DATABASE_URL call `cache_clear`."""
    return Settings()
