"""Settings read from the environment (``CORROBORATE_*``) and overridden by explicit arguments."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_dir
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from index.ingest import DEFAULT_MAX_BYTES, EMBED_GROUP


def default_store() -> Path:
    """The per-user data directory, e.g. ``~/.local/share/corroborate/store`` on Linux."""
    return Path(user_data_dir("corroborate", appauthor=False)) / "store"


class Settings(BaseSettings):
    """``CORROBORATE_STORE``, ``CORROBORATE_MAX_BYTES``, ``CORROBORATE_EMBED_GROUP``, and for
    the web app ``CORROBORATE_HOST``, ``CORROBORATE_PORT``, ``CORROBORATE_CORPUS`` (what to
    ingest into an empty store) and ``CORROBORATE_EXAMPLES`` (a file of example questions, one
    per line).

    ``CORROBORATE_CHROMA_URL`` selects a Chroma server instead of the store directory.

    Flags win over them. The app listens on loopback unless another host is asked for. ``embed_group`` is how many sentences are embedded and written
    together: larger is faster (fuller model batches, fewer store calls), smaller holds less
    in memory and commits documents sooner.
    """

    model_config = SettingsConfigDict(env_prefix="CORROBORATE_", extra="ignore")

    store: Path = Field(default_factory=default_store)
    max_bytes: int = Field(default=DEFAULT_MAX_BYTES, gt=0)
    embed_group: int = Field(default=EMBED_GROUP, gt=0)
    chroma_url: str | None = None
    host: str = "127.0.0.1"
    port: int = Field(default=7860, ge=1, le=65535)
    corpus: Path | None = None
    examples: Path | None = None


def load_settings(**overrides: object) -> Settings:
    """Settings from the environment with ``overrides`` (None values ignored) applied.

    Raises ConfigurationError naming the variable when a value cannot be used.
    """
    from pydantic import ValidationError

    from index.errors import ConfigurationError

    given = {k: v for k, v in overrides.items() if v is not None}
    try:
        return Settings(**given)
    except ValidationError as exc:
        first = exc.errors()[0]
        name = "CORROBORATE_" + str(first["loc"][0]).upper()
        raise ConfigurationError(f"{name}: {first['msg']}") from exc
