"""The real :class:`index.store.Store`: two Chroma collections, vectors always supplied by us.

``corroborate_sentences`` holds one record per sentence (vector, offsets, flags);
``corroborate_documents`` holds one per document (full text, the mean of its sentence vectors,
the manifest fields); ``corroborate_analysis`` holds one per document (its stored analysis,
:mod:`index.analysis`, as metadata: never as a Chroma document, which would be indexed for
full-text search); ``corroborate_artifacts`` holds what readers derive from all documents
(the event index), in parts of metadata, keyed by what it was derived from;
``corroborate_word_vectors`` holds the model's vector of each word of the stored reports as its
record's embedding, keyed by the word (what the read path matches question words against,
embedded once at ingest). A sentence's text is not stored twice: it is ``text[start:end]`` of its
document, sliced on read. That halves the cost of a write (Chroma indexes stored text for
full-text search) and makes the offset invariant hold by construction. Document texts are
cached by id, which is safe because an id is the hash of its text. The sentences collection's metadata records the layout version and the
embedding model, so a store written by another model or layout is refused with a clear message
instead of returning nonsense.

Chroma is never given an embedding function: its default one downloads a model.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from index.analysis import StoredAnalysis
from index.chroma_codec import record_from, record_metadata, sentence_from, sentence_metadata
from index.errors import IncompatibleStoreError, NotFoundError, StoreError
from index.store import DocumentRecord, Hit, check_vectors
from index.types import Sentence

LAYOUT_VERSION = 3
SENTENCES = "corroborate_sentences"
DOCUMENTS = "corroborate_documents"
ANALYSIS = "corroborate_analysis"
ARTIFACTS = "corroborate_artifacts"
WORDS = "corroborate_word_vectors"
# Characters of an artifact per record: a metadata value that stays small for SQLite and the
# HTTP client alike, however large the corpus's event index grows.
_PART = 200_000
# One record whose token changes on every write, so readers in any process sharing the store
# can tell in one small read whether what they built from it is still current.
META, GENERATION = "corroborate_meta", "generation"
_PAGE = 5000
_OVERFETCH = 16  # extra neighbours asked for, so dropping furniture still leaves k
# How many candidates the graph search keeps (HNSW's ef_search; Chroma's default 100). The
# graph Chroma builds differs from one ingest of the same reports to the next (its insertion
# runs on several threads), and with 100 a search over it missed a sentence ranked 15th of 30
# in one build of a 625-sentence store and found it in another, so answers changed between
# runs (RAMDocs EM by 4 of 100). From 500, three builds of that store under load gave the
# same neighbours for every question tried.
SEARCH_BREADTH = 500
# Documents whose text is kept in memory for slicing sentences: the candidates of a few
# questions come from several hundred reports, which a smaller cache dropped and read again
# (a tenth of a warm ask at 10k sentences, with 512).
_TEXT_CACHE = 4096


class ChromaStore:
    """A Store over any chromadb client (embedded ``PersistentClient`` or ``HttpClient``)."""

    def __init__(self, client: Any, embedder_name: str, dimension: int, where: str) -> None:
        self._client = client
        self._where = where
        self._texts: dict[str, str] = {}
        self._batch = max(1, min(client.get_max_batch_size(), 5000))
        layout = {"corroborate_layout": LAYOUT_VERSION, "embedder": embedder_name,
                  "dimension": dimension}
        self._sentences = self._collection(SENTENCES, layout)
        self._documents = self._collection(DOCUMENTS, layout)
        self._meta = self._collection(META, layout)
        self._analysis = self._collection(ANALYSIS, layout)
        self._artifacts = self._collection(ARTIFACTS, layout)
        self._words = self._collection(WORDS, layout)
        self._check_layout(self._sentences.metadata or {}, layout)

    def _collection(self, name: str, layout: dict[str, Any]) -> "_Guarded":
        collection = self._client.get_or_create_collection(
            name, metadata=layout,
            configuration={"hnsw": {"space": "cosine", "ef_search": SEARCH_BREADTH}},
            embedding_function=None,
        )
        hnsw = (collection.configuration or {}).get("hnsw") or {}
        if hnsw.get("ef_search", SEARCH_BREADTH) < SEARCH_BREADTH:  # a store made before
            collection.modify(configuration={"hnsw": {"ef_search": SEARCH_BREADTH}})
        return _Guarded(collection, self._where)

    def _check_layout(self, found: dict[str, Any], wanted: dict[str, Any]) -> None:
        for key, value in wanted.items():
            if found.get(key) != value:
                raise IncompatibleStoreError(
                    f"the store at {self._where} was written with {key}={found.get(key)!r}, "
                    f"but is now opened with {value!r}; ingest into a new store (--store DIR) "
                    "or delete the old one"
                )

    # -- documents ---------------------------------------------------------------------------

    def put_documents(self, records: Sequence[DocumentRecord], texts: Sequence[str],
                      vectors: np.ndarray) -> None:
        check_vectors(records, vectors, texts)
        for at in range(0, len(records), self._batch):
            part = slice(at, at + self._batch)
            self._documents.upsert(
                ids=[r.doc_id for r in records[part]],
                embeddings=np.asarray(vectors[part], dtype=np.float32),
                documents=list(texts[part]),
                metadatas=[record_metadata(r) for r in records[part]],
            )
        self._bump()

    def mark(self, doc_ids: Sequence[str], status: str) -> None:
        known = self._documents.get(ids=list(doc_ids), include=[])["ids"] if doc_ids else []
        if known:  # Chroma's update fails on unknown ids
            self._documents.update(ids=known, metadatas=[{"status": status}] * len(known))
        self._bump()

    def document(self, doc_id: str) -> DocumentRecord | None:
        got = self._documents.get(ids=[doc_id], include=["metadatas"])
        if not got["ids"]:
            return None
        return record_from(doc_id, got["metadatas"][0])

    def documents(self) -> list[DocumentRecord]:
        records = []
        for ids, metas, _ in self._pages(self._documents, {}, ["metadatas"]):
            records += [record_from(i, m) for i, m in zip(ids, metas)]
        return sorted(records, key=lambda r: (r.source, r.doc_id))

    def document_text(self, doc_id: str) -> str:
        text = self._document_texts({doc_id}).get(doc_id)
        if text is None:
            raise NotFoundError(f"no document with id {doc_id!r} in the store at {self._where}")
        return text

    def _document_texts(self, doc_ids: set[str]) -> dict[str, str]:
        # Several threads answer at once (the web app): a full cache is replaced, never
        # cleared in place, so a reader holding the old dict still finds what it just saw.
        texts = self._texts
        missing = [d for d in doc_ids if d not in texts]
        if missing:
            got = self._documents.get(ids=missing, include=["documents"])
            if len(texts) + len(got["ids"]) > _TEXT_CACHE:
                texts = self._texts = {}
            texts.update(zip(got["ids"], got["documents"]))
        return {d: texts[d] for d in doc_ids if d in texts}

    def delete_document(self, doc_id: str) -> None:
        self._sentences.delete(where={"doc_id": doc_id})
        self._analysis.delete(ids=[doc_id])
        self._documents.delete(ids=[doc_id])
        self._texts.pop(doc_id, None)
        self._bump()

    # -- analyses ----------------------------------------------------------------------------

    def put_analyses(self, analyses: Sequence[StoredAnalysis]) -> None:
        wanted = [a.doc_id for a in analyses]
        known = set(self._documents.get(ids=wanted, include=[])["ids"]) if wanted else set()
        kept = [a for a in analyses if a.doc_id in known]
        for at in range(0, len(kept), self._batch):
            part = kept[at: at + self._batch]
            ids = [a.doc_id for a in part]
            # The payload first, then the record that points at it: a crash in between leaves
            # a record naming an older version (analysed again later), never a missing payload.
            self._analysis.upsert(ids=ids, embeddings=[[1.0]] * len(part), metadatas=[
                {"version": a.version, "payload": a.payload} for a in part])
            self._documents.update(ids=ids, metadatas=[{"analysis": a.version} for a in part])
        self._bump()

    def analyses(self, doc_ids: Iterable[str]) -> dict[str, StoredAnalysis]:
        wanted = sorted(set(doc_ids))
        if not wanted:
            return {}
        got = self._analysis.get(ids=wanted, include=["metadatas"])
        return {i: StoredAnalysis(i, m["version"], m["payload"])
                for i, m in zip(got["ids"], got["metadatas"])}

    def analysis_doc_ids(self) -> set[str]:
        return {i for ids, _, _ in self._pages(self._analysis, {}, []) for i in ids}

    # -- artifacts ---------------------------------------------------------------------------

    def put_artifact(self, name: str, key: str, payload: str) -> None:
        parts = [payload[at: at + _PART] for at in range(0, len(payload), _PART)] or [""]
        ids = [f"{name}:{key}:{n}" for n in range(len(parts))]
        # The new value whole first, then the old ones gone: a crash in between leaves both,
        # and each reader asks for the key it needs. No generation bump: no document changed.
        for at in range(0, len(ids), self._batch):
            batch = ids[at: at + self._batch]
            self._artifacts.upsert(ids=batch, embeddings=[[1.0]] * len(batch), metadatas=[
                {"name": name, "key": key, "part": n, "parts": len(parts), "text": t}
                for n, t in enumerate(parts[at: at + len(batch)], at)])
        new = set(ids)
        stale = [i for i in self._artifacts.get(where={"name": name}, include=[])["ids"]
                 if i not in new]
        if stale:
            self._artifacts.delete(ids=stale)

    def artifact(self, name: str, key: str) -> str | None:
        got = self._artifacts.get(where={"$and": [{"name": name}, {"key": key}]},
                                  include=["metadatas"])
        parts = sorted(got["metadatas"] or [], key=lambda m: m["part"])
        if not parts or len(parts) != parts[0]["parts"]:
            return None  # none stored under this key, or a write that did not finish
        return "".join(m["text"] for m in parts)

    # -- word vectors ------------------------------------------------------------------------

    def put_word_vectors(self, words: Sequence[str], vectors: np.ndarray) -> None:
        check_vectors(words, vectors)
        # one upsert may not name an id twice: the last vector of a word wins, as it would
        # over two calls
        latest = dict(zip(words, np.asarray(vectors, dtype=np.float32)))
        latest.pop("", None)  # Chroma refuses an empty id; no reader asks for the empty word
        ids = list(latest)
        for at in range(0, len(ids), self._batch):
            batch = ids[at: at + self._batch]
            # As the records' embeddings: a quarter of the disk that the same bytes take as
            # metadata (SQLite indexes every metadata string), though read back up to a unit
            # in the last place off.
            self._words.upsert(ids=batch, embeddings=np.stack([latest[w] for w in batch]))

    def word_vectors(self, words: Iterable[str]) -> dict[str, np.ndarray]:
        wanted = [w for w in dict.fromkeys(words) if w]
        found: dict[str, np.ndarray] = {}
        for at in range(0, len(wanted), self._batch):
            got = self._words.get(ids=wanted[at: at + self._batch], include=["embeddings"])
            if got["ids"]:
                found.update(zip(got["ids"], np.asarray(got["embeddings"], dtype=np.float32)))
        return found

    # -- sentences ---------------------------------------------------------------------------

    def upsert_sentences(self, sentences: Sequence[Sentence], vectors: np.ndarray) -> None:
        check_vectors(sentences, vectors)
        for at in range(0, len(sentences), self._batch):
            part = sentences[at : at + self._batch]
            self._sentences.upsert(
                ids=[s.sentence_id for s in part],
                embeddings=np.asarray(vectors[at : at + self._batch], dtype=np.float32),
                metadatas=[sentence_metadata(s) for s in part],
            )
        self._bump()

    def sentences(self, doc_id: str) -> list[Sentence]:
        found = self._decode(self._sentences.get(where={"doc_id": doc_id}, include=["metadatas"]))
        return sorted(found, key=lambda s: s.index)

    def get_sentences(self, sentence_ids: Sequence[str]) -> list[Sentence]:
        if not sentence_ids:
            return []
        got = self._sentences.get(ids=list(sentence_ids), include=["metadatas"])
        by_id = {s.sentence_id: s for s in self._decode(got)}
        return [by_id[i] for i in sentence_ids if i in by_id]

    def search(
        self, vector: np.ndarray, k: int, *, doc_ids: Iterable[str] | None = None
    ) -> list[Hit]:
        k = max(1, k)
        if doc_ids is not None:
            where = {"$and": [{"content": True}, {"doc_id": {"$in": sorted(set(doc_ids))}}]}
            return self._complete(self._query(vector, k, where), vector, k, where)
        # A metadata filter makes Chroma scan every record's metadata (350 ms at 100k
        # sentences, against 5 ms for the plain vector search), and furniture is a small share
        # of any store: ask for more neighbours unfiltered and drop the furniture here.
        fetch = 2 * k + _OVERFETCH
        while True:
            found = self._query(vector, fetch, None)
            hits = [h for h in found if h.sentence.content]
            if len(found) < fetch:  # fewer came back than were asked for
                total = self._sentences.count()
                if fetch >= total:  # the whole (small) store was asked for
                    return self._exact(vector, k, {"content": True}) if len(found) < total \
                        else hits[:k]
                # A large store's graph answered short (it does with many near-identical
                # vectors). Its neighbours are as good as HNSW's always are; reading every
                # vector instead cost 7 s per question at 100k sentences.
                if len(hits) >= k:
                    return hits[:k]
                return self._filtered(vector, k)
            if len(hits) >= k:
                return hits[:k]
            if fetch >= 8 * k + _OVERFETCH:  # mostly furniture near this query: filter
                return self._filtered(vector, k)
            fetch *= 2

    def _filtered(self, vector: np.ndarray, k: int) -> list[Hit]:
        """The k nearest content sentences, asked for with Chroma's metadata filter."""
        where = {"content": True}
        return self._complete(self._query(vector, k, where), vector, k, where)

    def _complete(self, hits: list[Hit], vector: np.ndarray, k: int,
                  where: dict[str, Any]) -> list[Hit]:
        """``hits`` if there are k of them, else the exact search over what ``where`` selects
        (the graph may have lost records, or there are fewer than k: both are cheap to settle)."""
        return hits if len(hits) >= k else self._exact(vector, k, where)

    def _exact(self, vector: np.ndarray, k: int, where: dict[str, Any]) -> list[Hit]:
        """Exact cosine search over the records ``where`` selects. HNSW drops records from its
        graph when many vectors are identical (a caption repeated fifty times), and then
        answers with fewer neighbours than were asked for; this is the fallback for that."""
        ids: list[str] = []
        rows: list[np.ndarray] = []
        offset = 0
        while True:
            got = self._sentences.get(where=where, include=["embeddings"], limit=_PAGE,
                                      offset=offset)
            if not len(got["ids"]):
                break
            ids.extend(got["ids"])
            rows.append(np.asarray(got["embeddings"], dtype=np.float32))
            offset += len(got["ids"])
        if not ids:
            return []
        matrix = np.concatenate(rows)
        query = np.asarray(vector, dtype=np.float32)
        scores = matrix @ query / (np.linalg.norm(matrix, axis=1) * np.linalg.norm(query) + 1e-12)
        top = np.argsort(-scores, kind="stable")[:k]
        score = {ids[i]: float(scores[i]) for i in top}
        return [Hit(s, score[s.sentence_id]) for s in self.get_sentences([ids[i] for i in top])]

    def _query(self, vector: np.ndarray, n: int, where: dict[str, Any] | None) -> list[Hit]:
        if n <= 0:
            return []
        got = self._sentences.query(
            query_embeddings=[np.asarray(vector, dtype=np.float32)], n_results=n,
            where=where, include=["metadatas", "distances"],
        )
        sentences = self._decode({"ids": got["ids"][0], "metadatas": got["metadatas"][0]})
        distance = dict(zip(got["ids"][0], got["distances"][0]))
        return [Hit(s, 1.0 - float(distance[s.sentence_id])) for s in sentences]

    def iter_sentences(self, *, content_only: bool = True,
                       doc_ids: Iterable[str] | None = None) -> Iterator[Sentence]:
        where: dict[str, Any] = {}
        if doc_ids is not None:
            where = {"doc_id": {"$in": sorted(set(doc_ids))}}
            if not where["doc_id"]["$in"]:
                return
        # Furniture is dropped here, not by a metadata filter: reading all 110k sentences took
        # 5.2 s with {"content": True} and 3.0 s without, for 5 % more records.
        for ids, metas, _ in self._pages(self._sentences, where, ["metadatas"]):
            kept = [n for n, m in enumerate(metas) if m["content"] or not content_only]
            yield from self._decode({"ids": [ids[n] for n in kept],
                                     "metadatas": [metas[n] for n in kept]})

    def sentence_count(self) -> int:
        return self._sentences.count()

    def sentence_doc_ids(self) -> set[str]:
        found: set[str] = set()
        for _, metas, _ in self._pages(self._sentences, {}, ["metadatas"]):
            found.update(m["doc_id"] for m in metas)
        return found

    def generation(self) -> str:
        got = self._meta.get(ids=[GENERATION], include=["metadatas"])
        return str(got["metadatas"][0]["token"]) if got["ids"] else "0"

    # -- helpers -----------------------------------------------------------------------------

    def _bump(self) -> None:
        """Change the generation after a write: a reader that read the old token before
        building from the store sees a new one next time and builds again."""
        import uuid

        self._meta.upsert(ids=[GENERATION], embeddings=[[1.0]],
                          metadatas=[{"token": uuid.uuid4().hex}])

    def _pages(self, collection, where: dict[str, Any], include: list[str]):
        offset = 0
        while True:
            got = collection.get(where=where or None, include=include, limit=_PAGE,
                                 offset=offset)
            if not got["ids"]:
                return
            yield got["ids"], got.get("metadatas"), got.get("documents")
            offset += len(got["ids"])

    def _decode(self, got: dict[str, Any]) -> list[Sentence]:
        """Sentences from ids and metadata, their text sliced from the document text."""
        texts = self._document_texts({m["doc_id"] for m in got["metadatas"]})
        return [sentence_from(i, texts[m["doc_id"]], m)
                for i, m in zip(got["ids"], got["metadatas"]) if m["doc_id"] in texts]


class _Guarded:
    """A Chroma collection whose failures (a server gone away, a disk that refuses writes)
    surface as StoreError naming the store, so every adapter can say what happened."""

    def __init__(self, collection: Any, where: str) -> None:
        self._collection = collection
        self._where = where

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._collection, name)
        if not callable(attribute):
            return attribute

        def guarded(*args: Any, **kwargs: Any) -> Any:
            try:
                return attribute(*args, **kwargs)
            except Exception as exc:
                raise StoreError(
                    f"the store at {self._where} failed ({type(exc).__name__}: {exc}). Check "
                    "that it is reachable and writable; an interrupted ingest completes without "
                    "duplicates when run again") from exc
        return guarded


def open_persistent(path: Path, embedder_name: str, dimension: int) -> ChromaStore:
    """Open (creating if needed) the embedded store in directory ``path``.

    Raises StoreError with a message naming the directory when it cannot be created or written.
    """
    import chromadb

    path = Path(path)
    try:
        path.mkdir(parents=True, exist_ok=True)
        client = chromadb.PersistentClient(path=str(path), settings=_settings())
        return ChromaStore(client, embedder_name, dimension, where=str(path))
    except (IncompatibleStoreError, StoreError):
        raise
    except Exception as exc:  # chromadb raises many kinds; all mean "this directory won't do"
        raise StoreError(
            f"cannot open the store at {path}: {exc}. Check that the directory is writable, "
            "or choose another with --store DIR (or CORROBORATE_STORE)"
        ) from exc


def open_http(url: str, embedder_name: str, dimension: int) -> ChromaStore:
    """Open (creating if needed) a store on a Chroma server: ``http://HOST:PORT`` uses the
    server's default database, ``http://HOST:PORT/NAME`` the database NAME (created if missing),
    so one server can hold several stores.

    Raises StoreError naming the URL when the server cannot be reached or refuses.
    """
    import chromadb

    host, port, ssl, database = _parse_url(url)
    try:
        settings = _settings()
        if database != "default_database":
            _ensure_database(host, port, ssl, database)
        client = chromadb.HttpClient(host=host, port=port, ssl=ssl, settings=settings,
                                     database=database)
        client.heartbeat()
        return ChromaStore(client, embedder_name, dimension, where=url)
    except (IncompatibleStoreError, StoreError):
        raise
    except Exception as exc:
        raise StoreError(_unreachable(url, exc)) from exc


def _parse_url(url: str) -> tuple[str, int, bool, str]:
    from urllib.parse import urlparse

    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise StoreError(f"--chroma-url {url!r} is not a server address; give one like "
                         "http://127.0.0.1:8000 (or http://127.0.0.1:8000/DATABASE)")
    database = parsed.path.strip("/") or "default_database"
    port = parsed.port or (443 if parsed.scheme == "https" else 8000)
    return parsed.hostname, port, parsed.scheme == "https", database


def _ensure_database(host: str, port: int, ssl: bool, database: str) -> None:
    import chromadb

    settings = _settings()
    settings.chroma_api_impl = "chromadb.api.fastapi.FastAPI"
    settings.chroma_server_host, settings.chroma_server_http_port = host, port
    settings.chroma_server_ssl_enabled = ssl
    admin = chromadb.AdminClient(settings)
    try:
        admin.get_database(database)
    except Exception:  # chromadb reports a missing database as NotFoundError or ValueError
        admin.create_database(database)


def _unreachable(url: str, exc: Exception) -> str:
    return (f"the Chroma server at {url} did not answer ({type(exc).__name__}: {exc}). Start it "
            "(chroma run --path DIR --port PORT) or point --chroma-url / CORROBORATE_CHROMA_URL "
            "at a running one; nothing was changed")


def _settings():
    from chromadb.config import Settings

    # No telemetry: the tool runs offline and must not phone home.
    return Settings(anonymized_telemetry=False, allow_reset=False)
