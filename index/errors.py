"""The small error hierarchy of Corroborate.

Errors are for things that stop an operation (a broken store, a bad setting, an unknown id).
"Can't answer" and "sources disagree" are *results*, never exceptions. The CLI and the UI turn
these errors into one-line messages; every message says what is wrong and what to do.
"""

from __future__ import annotations


class CorroborateError(Exception):
    """Base of every error Corroborate raises on purpose."""


class ConfigurationError(CorroborateError):
    """A setting, option or installation problem the user can fix."""


class StoreError(CorroborateError):
    """The store cannot be opened, read or written."""


class IncompatibleStoreError(StoreError):
    """The store was written by another layout version or another embedding model."""


class NotFoundError(CorroborateError):
    """An id (document, sentence) that the store does not hold."""


class InputError(CorroborateError):
    """A question or argument that cannot be used as given."""
