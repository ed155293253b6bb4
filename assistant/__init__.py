"""Corroborate's read path and public API: ``from assistant import Assistant``."""

from assistant.assistant import Assistant, DocumentView
from index.errors import (
    ConfigurationError,
    CorroborateError,
    IncompatibleStoreError,
    InputError,
    NotFoundError,
    StoreError,
)
from index.ingest import IngestReport

__all__ = [
    "Assistant", "DocumentView", "IngestReport", "CorroborateError", "ConfigurationError",
    "IncompatibleStoreError", "InputError", "NotFoundError", "StoreError",
]
