"""The reports' analyses kept in the store, so a new process reads them instead of analysing
every report again when the corpus changed.

The event index (:mod:`assistant.events`) is built from one analysis per report
(:class:`~assistant.event_cache.EvidenceCache`): its event-word votes and its dated mentions.
When the corpus is the one the stored instances were built from, :mod:`assistant.event_store`
serves the instances whole. After an upload they must be built again; a long-running process
then analyses only the new report, but a new one (``corroborate ingest``, an app restart) had
to analyse all of them: 24 s of 27 at 100,000 sentences. So the analyses are kept too, as one
artifact of the store (:meth:`index.store.Store.put_artifact`) under a key made of the product's
code and the language pipeline's version, and each report's entry carries the key that says
which sentences, publication date and corpus words it was made from. An entry whose key no
longer matches is analysed again; a payload that cannot be read counts as none.

The payload is a compressed pickle (10 MB before compression and under a second either way
at 100k sentences, where a JSON codec of the nested dated mentions would be several times
slower to read), read with an unpickler that builds nothing but the product's own dataclasses
and plain containers: a store is data, and a damaged or hostile one must not run code (see the
``pickle`` documentation, "Restricting Globals").
"""

from __future__ import annotations

import collections
import dataclasses
import datetime as dt
import hashlib
import importlib
import io
import pickle
from collections.abc import Callable

from assistant.artifacts import code_digest, packed, read, sealed, unpacked, unsealed
from index.store import Store

ARTIFACT = "analyses"
FORMAT = 2  # of the payload below; the key also changes with any change of the code
# Outside the product's own modules, the only classes a payload may build
_PLAIN = {("collections", "Counter"): collections.Counter, ("datetime", "date"): dt.date,
          ("builtins", "frozenset"): frozenset, ("builtins", "set"): set}
_OWN = ("assistant.", "index.")


class AnalysesStore:
    """The kept analyses of one store. ``analyses``: the language pipeline's version;
    ``code`` gives the product's source hash, asked for on first use."""

    def __init__(self, store: Store, analyses: str = "",
                 code: Callable[[], str] = code_digest) -> None:
        self._store = store
        self._analyses = analyses
        self._source = code
        self._key: str | None = None

    def key(self) -> str:
        if self._key is None:
            text = f"{FORMAT}|{self._source()}|{self._analyses}"
            self._key = hashlib.sha256(text.encode()).hexdigest()
        return self._key

    def load(self) -> dict | None:
        """The state :meth:`save` kept, or None when there is none (or it is unreadable)."""
        return read(self._store, ARTIFACT, self.key(), lambda p: decode(unsealed(p)))

    def save(self, state: dict) -> None:
        self._store.put_artifact(ARTIFACT, self.key(), sealed(encode(state)))


def encode(state: dict) -> str:
    return packed(pickle.dumps({"format": FORMAT, "state": state},
                               protocol=pickle.HIGHEST_PROTOCOL))


def decode(payload: str) -> dict:
    """The state :func:`encode` stored; ValueError for a damaged payload, another format or
    one that names any class but the product's dataclasses and plain containers."""
    try:
        data = _Restricted(io.BytesIO(unpacked(payload))).load()
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError) as exc:
        raise ValueError(f"not an analyses payload: {exc}") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT \
            or not isinstance(data.get("state"), dict):
        raise ValueError(f"not an analyses payload of format {FORMAT}")
    return data["state"]


class _Restricted(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if (module, name) in _PLAIN:
            return _PLAIN[module, name]
        if module.startswith(_OWN) and "." not in name:
            found = getattr(importlib.import_module(module), name, None)
            if isinstance(found, type) and dataclasses.is_dataclass(found):
                return found
        raise pickle.UnpicklingError(f"a payload may not build {module}.{name}")
