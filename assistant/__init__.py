"""Corroborate's read path and public API: ``from assistant import Assistant``.

``Assistant``, ``DocumentView`` and ``IngestReport`` are imported on first use (a module
``__getattr__``, PEP 562): importing a submodule such as ``assistant.cli`` does not load the whole
read path, so ``corroborate --help`` and usage errors answer at once.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from index.errors import (
    ConfigurationError,
    CorroborateError,
    IncompatibleStoreError,
    InputError,
    NotFoundError,
    StoreError,
)

if TYPE_CHECKING:
    from assistant.assistant import Assistant, DocumentView
    from index.ingest import IngestReport

__all__ = [
    "Assistant", "DocumentView", "IngestReport", "CorroborateError", "ConfigurationError",
    "IncompatibleStoreError", "InputError", "NotFoundError", "StoreError",
]

_LAZY = {"Assistant": "assistant.assistant", "DocumentView": "assistant.assistant",
         "IngestReport": "index.ingest"}


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(_LAZY[name]), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
