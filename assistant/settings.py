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

    ``CORROBORATE_LLM`` (``openai-compatible`` or ``ollama``) plugs in a language model, with
    ``CORROBORATE_LLM_MODEL``, ``CORROBORATE_LLM_URL``, ``CORROBORATE_LLM_TIMEOUT`` (seconds) and
    ``CORROBORATE_LLM_MAX_TOKENS``; the API key is read from ``CORROBORATE_LLM_API_KEY`` or
    ``OPENAI_API_KEY`` when the model is opened. Unset, answers are extractive.

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
    llm: str | None = None
    llm_url: str | None = None
    llm_model: str | None = None
    llm_timeout: float = Field(default=60.0, gt=0)
    llm_max_tokens: int = Field(default=400, gt=0)

    def llm_config(self):
        """The language model asked for (an :class:`assistant.llm.LLMConfig`), or None.

        Raises ConfigurationError when the combination cannot be used."""
        if not self.llm:
            return None
        from assistant.llm import LLMConfig

        return LLMConfig(self.llm, self.llm_model or "", self.llm_url, timeout=self.llm_timeout,
                         max_tokens=self.llm_max_tokens)


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
