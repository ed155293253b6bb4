"""all-MiniLM-L6-v2's forward pass in numpy: sentence vectors without torch or transformers.

:class:`NumpyMiniLM` reads a sentence-transformers model folder (``modules.json``, the
Transformer's ``config.json`` and ``sentence_bert_config.json``, ``1_Pooling/config.json``,
``tokenizer.json`` and ``model.safetensors``), refuses any folder whose pipeline it does not
implement (:class:`~index.errors.ConfigurationError`), and computes what sentence-transformers
computes for it: the `tokenizers` tokenizer truncating at ``max_seq_length``, a BERT encoder
(post-LayerNorm, exact erf GELU, absolute positions), mean pooling over the attention mask, L2
normalisation. Its vectors equal sentence-transformers' to 1e-5 (max abs difference), checked by
``tests/test_minilm_numpy.py``; the figures measured on the bundled model are in
:class:`index.embedder.MiniLMEmbedder`'s docstring.

Imports numpy, ``tokenizers`` and ``safetensors`` only: a fresh process embeds a question in well
under a second, where importing sentence-transformers (torch, transformers, scikit-learn) alone
takes several.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index.errors import ConfigurationError

# Padded tokens per forward call: big enough that the matrix products run at full BLAS speed,
# small enough that the attention scores (heads x tokens x longest) stay a few tens of MB.
TOKEN_BUDGET = 4096
# Below this many tokens a call is not split between workers: thread start-up would cost more.
MIN_SHARE = 256

# Rows of the feed-forward's 1536-wide middle computed at once: 768 KB, inside a core's L2
# cache (1 MB here); 256 and 64 measured no faster.
FEED_FORWARD_ROWS = 128

_SQRT_HALF = np.float32(math.sqrt(0.5))
# Numerical Recipes' erfc (Chebyshev fit): fractional error below 1.2e-7 everywhere, i.e. float32
# precision. numpy has no erf; scipy's (float32) measured several times slower than this here.
_ERFC = tuple(np.float32(c) for c in (
    -1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806,
    0.27886807, -1.13520398, 1.48851587, -0.82215223, 0.17087277))


@dataclass(frozen=True)
class BertShape:
    """What the forward pass needs to know of the model, read from its folder."""

    layers: int
    heads: int
    hidden: int
    eps: float  # LayerNorm epsilon
    max_tokens: int  # sentence-transformers' max_seq_length, special tokens included

    @classmethod
    def from_folder(cls, folder: Path) -> BertShape:
        """Read and check the folder; raise ConfigurationError if it is not a mean-pooled,
        normalised BERT with exact GELU (what this module computes)."""
        _check_modules(folder)
        config = _json(folder / "config.json")
        expected = {"model_type": "bert", "hidden_act": "gelu",
                    "position_embedding_type": "absolute"}
        for key, value in expected.items():
            if config.get(key, value) != value:
                raise ConfigurationError(f"{folder}: {key} is {config.get(key)!r}, the numpy "
                                         f"encoder implements {value!r} only")
        transformer = _json(folder / "sentence_bert_config.json")
        if transformer.get("do_lower_case"):  # sentence-transformers' own lower-casing, unneeded
            raise ConfigurationError(  # here (tokenizer.json lower-cases) and not implemented
                f"{folder}: do_lower_case is set; the numpy encoder does not implement it")
        max_tokens = transformer.get("max_seq_length", config["max_position_embeddings"])
        return cls(layers=config["num_hidden_layers"], heads=config["num_attention_heads"],
                   hidden=config["hidden_size"], eps=config["layer_norm_eps"],
                   max_tokens=min(max_tokens, config["max_position_embeddings"]))


def _check_modules(folder: Path) -> None:
    """The modules must be Transformer, mean Pooling, then Normalize (or nothing: the vectors
    are normalised here in any case, as MiniLMEmbedder always asked sentence-transformers to)."""
    modules = _json(folder / "modules.json")
    kinds = [m["type"].rsplit(".", 1)[-1] for m in modules]
    if kinds not in (["Transformer", "Pooling", "Normalize"], ["Transformer", "Pooling"]):
        raise ConfigurationError(f"{folder}: modules {kinds} are not Transformer, Pooling, "
                                 "Normalize; the numpy encoder implements only that")
    pooling = _json(folder / modules[1]["path"] / "config.json")
    modes = sorted(k for k, v in pooling.items() if k.startswith("pooling_mode") and v)
    if modes != ["pooling_mode_mean_tokens"]:
        raise ConfigurationError(f"{folder}: pooling {modes}; the numpy encoder implements "
                                 "mean pooling only")


def _json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigurationError(f"cannot read the embedding model's {path}: {exc}") from exc


@dataclass(frozen=True)
class _Layer:
    """One encoder layer's weights, transposed once so that every product is ``x @ w``."""

    qkv: np.ndarray  # (hidden, 3 * hidden): query, key and value in one product
    qkv_bias: np.ndarray
    attention_out: np.ndarray
    attention_out_bias: np.ndarray
    attention_norm: tuple[np.ndarray, np.ndarray]
    up: np.ndarray  # (hidden, intermediate)
    up_bias: np.ndarray
    down: np.ndarray  # (intermediate, hidden)
    down_bias: np.ndarray
    output_norm: tuple[np.ndarray, np.ndarray]


@dataclass(frozen=True)
class _Weights:
    words: np.ndarray
    positions: np.ndarray
    token_types: np.ndarray
    embedding_norm: tuple[np.ndarray, np.ndarray]
    layers: tuple[_Layer, ...]


def _load_weights(folder: Path, shape: BertShape) -> _Weights:
    from safetensors.numpy import load_file

    path = folder / "model.safetensors"
    if not path.is_file():
        raise ConfigurationError(f"{folder} has no model.safetensors; the numpy encoder reads "
                                 "only that weight format")
    raw = {k.removeprefix("bert."): v for k, v in load_file(str(path)).items()}

    def f32(name: str) -> np.ndarray:
        return np.ascontiguousarray(raw[name], dtype=np.float32)

    def dense(name: str) -> tuple[np.ndarray, np.ndarray]:
        return np.ascontiguousarray(f32(name + ".weight").T), f32(name + ".bias")

    def norm(name: str) -> tuple[np.ndarray, np.ndarray]:
        return f32(name + ".weight"), f32(name + ".bias")

    def layer(n: int) -> _Layer:
        p = f"encoder.layer.{n}."
        q, k, v = (dense(p + f"attention.self.{w}") for w in ("query", "key", "value"))
        out, up, down = (dense(p + w) for w in
                         ("attention.output.dense", "intermediate.dense", "output.dense"))
        return _Layer(np.ascontiguousarray(np.concatenate([q[0], k[0], v[0]], axis=1)),
                      np.concatenate([q[1], k[1], v[1]]), *out,
                      norm(p + "attention.output.LayerNorm"), *up, *down,
                      norm(p + "output.LayerNorm"))

    try:
        return _Weights(f32("embeddings.word_embeddings.weight"),
                        f32("embeddings.position_embeddings.weight"),
                        f32("embeddings.token_type_embeddings.weight"),
                        norm("embeddings.LayerNorm"), tuple(layer(n) for n in range(shape.layers)))
    except KeyError as exc:
        raise ConfigurationError(f"{path} lacks the BERT weight {exc}") from exc


class NumpyMiniLM:
    """Unit sentence vectors of a sentence-transformers BERT folder, computed in numpy.

    ``encode(texts)`` returns float32 ``(len(texts), hidden)``, each row L2-normalised, equal to
    ``SentenceTransformer(folder).encode(texts, normalize_embeddings=True)`` to 1e-5. Texts
    longer than ``max_seq_length`` tokens are truncated, as there. A row does not depend on the
    other texts of the call (padding is masked). Read-only once built: safe to share between
    threads. Building it reads the weights (about 90 MB for all-MiniLM-L6-v2) and sets numpy's
    BLAS to one thread for the process (see ``_single_threaded_blas``); a call of more than
    ``MIN_SHARE`` tokens is split into batches run on ``workers`` threads (default: one per CPU
    this process may use).
    """

    def __init__(self, folder: str | Path, workers: int | None = None) -> None:
        from tokenizers import Tokenizer

        folder = Path(folder)
        self.shape = BertShape.from_folder(folder)
        self._weights = _load_weights(folder, self.shape)
        self._tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        # tokenizer.json carries its own fixed padding and 128-token truncation; what
        # sentence-transformers applies is max_seq_length and no padding (done per batch here).
        self._tokenizer.enable_truncation(max_length=self.shape.max_tokens)
        self._tokenizer.no_padding()
        self.workers = workers or _cpus()
        _single_threaded_blas()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        unique = list(dict.fromkeys(texts))
        if len(unique) < len(texts):
            # Each text once: copies of a text get the same vector, bit for bit. Run as rows
            # of one product, they need not: OpenBLAS may sum a row at a panel's edge in
            # another order (seen on one host's CPU, 1e-7 apart).
            vectors = self.encode(unique)
            row = {text: n for n, text in enumerate(unique)}
            return vectors[[row[t] for t in texts]]
        vectors = np.zeros((len(texts), self.shape.hidden), dtype=np.float32)
        if not texts:
            return vectors
        tokens = [e.ids for e in self._tokenizer.encode_batch(list(texts))]
        # Enough batches to keep every worker busy, none above the budget.
        share = sum(len(t) for t in tokens) // self.workers + 1
        groups = list(_batches(tokens, min(TOKEN_BUDGET, max(MIN_SHARE, share))))
        for rows, pooled in zip(groups, self._map(groups, tokens)):
            vectors[rows] = pooled
        return vectors

    def _map(self, groups: list[list[int]], tokens: list[list[int]]) -> list[np.ndarray]:
        """Each group's vectors, in order; on worker threads when there is more than one group
        (numpy releases the GIL in its products and element-wise loops)."""
        def run(rows: list[int]) -> np.ndarray:
            return self._pooled(*_padded([tokens[r] for r in rows]))

        if len(groups) == 1 or self.workers == 1:
            return [run(g) for g in groups]
        with ThreadPoolExecutor(min(self.workers, len(groups))) as pool:
            return list(pool.map(run, groups))

    def _pooled(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Mean of the last hidden states over the real tokens, L2-normalised."""
        hidden = self._encoder(ids, mask)
        summed = np.einsum("bt,btd->bd", mask, hidden)
        pooled = summed / np.maximum(mask.sum(axis=1, keepdims=True), 1e-9)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)

    def _encoder(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        w, (batch, length) = self._weights, ids.shape
        # One segment: every token type is 0, as sentence-transformers sends for single texts.
        x = w.words[ids] + w.positions[:length] + w.token_types[0]
        x = _layer_norm(x.reshape(batch * length, -1), *w.embedding_norm, self.shape.eps)
        # Padded keys get the most negative float32 added, as transformers' attention does.
        key_bias = ((1.0 - mask) * np.finfo(np.float32).min)[:, None, None, :]
        for layer in w.layers:
            x = self._layer(layer, x, key_bias, batch, length)
        return x.reshape(batch, length, -1)

    def _layer(self, layer: _Layer, x: np.ndarray, key_bias: np.ndarray,
               batch: int, length: int) -> np.ndarray:
        heads, width = self.shape.heads, self.shape.hidden // self.shape.heads
        qkv = (x @ layer.qkv + layer.qkv_bias).reshape(batch, length, 3, heads, width)
        q, k, v = (np.ascontiguousarray(qkv[:, :, n].transpose(0, 2, 1, 3)) for n in range(3))
        scores = (q @ k.transpose(0, 1, 3, 2)) * np.float32(1.0 / math.sqrt(width)) + key_bias
        context = (_softmax(scores) @ v).transpose(0, 2, 1, 3).reshape(batch * length, -1)
        x = _layer_norm(context @ layer.attention_out + layer.attention_out_bias + x,
                        *layer.attention_norm, self.shape.eps)
        return _layer_norm(_feed_forward(layer, x) + x, *layer.output_norm, self.shape.eps)


def _cpus() -> int:
    """CPUs this process may run on (its affinity mask where the OS has one)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def _single_threaded_blas() -> None:
    """Make numpy's BLAS (OpenBLAS in numpy's wheels) run each product on one thread, for the
    rest of the process; :class:`NumpyMiniLM` runs its batches on worker threads instead.

    With two BLAS threads, every product waits for both; when other processes share the CPU one
    of them is often descheduled, and on this 2-core machine under load a query took 0.1-0.5 s
    and a batch ran at 0.55x sentence-transformers, against 10 ms and 1.0x on one thread
    (``benchmarks/embed.py``). One thread per batch, batches in parallel, has no such lock-step.
    Process-wide because OpenBLAS has no per-call setting; nothing else here leans on numpy's
    BLAS (spaCy multiplies with blis, torch with its own MKL, Chroma in Rust).
    """
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")  # set now; kept: it is not used as a context


def _feed_forward(layer: _Layer, x: np.ndarray) -> np.ndarray:
    """``gelu(x @ up) @ down``, a block of rows at a time so the wide middle stays in cache."""
    out = np.empty_like(x)
    for start in range(0, len(x), FEED_FORWARD_ROWS):
        rows = slice(start, start + FEED_FORWARD_ROWS)
        out[rows] = _gelu(x[rows] @ layer.up + layer.up_bias) @ layer.down
    out += layer.down_bias
    return out


def _batches(tokens: Sequence[Sequence[int]], budget: int) -> Iterator[list[int]]:
    """Row indices grouped longest first, each group's rows x longest <= budget (at least one
    row): texts of like length share a batch, so little compute goes on padding."""
    order = sorted(range(len(tokens)), key=lambda r: -len(tokens[r]))
    start = 0
    while start < len(order):
        longest = len(tokens[order[start]])
        count = max(1, budget // longest)
        yield order[start:start + count]
        start += count


def _padded(rows: Sequence[Sequence[int]]) -> tuple[np.ndarray, np.ndarray]:
    """Token ids right-padded with 0 ([PAD]) to the longest row, and the float mask of real
    tokens."""
    ids = np.zeros((len(rows), max(len(r) for r in rows)), dtype=np.int64)
    mask = np.zeros(ids.shape, dtype=np.float32)
    for n, row in enumerate(rows):
        ids[n, :len(row)] = row
        mask[n, :len(row)] = 1.0
    return ids, mask


def _layer_norm(x: np.ndarray, gain: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    centred = x - x.mean(axis=-1, keepdims=True)
    variance = np.mean(np.square(centred), axis=-1, keepdims=True)
    return centred / np.sqrt(variance + np.float32(eps)) * gain + bias


def _softmax(scores: np.ndarray) -> np.ndarray:
    scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
    return scores / scores.sum(axis=-1, keepdims=True)


def _gelu(x: np.ndarray) -> np.ndarray:
    """Exact GELU, ``x * Phi(x)`` (BERT's "gelu"), in place: ``x`` is overwritten and returned.

    Written ``relu(x) - |x| erfc(|x| / sqrt 2) / 2`` so that erfc is only evaluated at
    non-negative arguments, where the fit holds and nothing cancels. In place, on row blocks
    that stay in cache (see FEED_FORWARD_ROWS): its time goes on memory traffic, not arithmetic.
    """
    z = np.abs(x)
    z *= _SQRT_HALF
    t = np.multiply(z, 0.5)
    t += 1.0
    np.reciprocal(t, out=t)
    erfc = np.multiply(t, _ERFC[-1])
    for c in _ERFC[-2:0:-1]:  # Horner's rule
        erfc += c
        erfc *= t
    erfc += _ERFC[0]
    erfc -= np.square(z)
    np.exp(erfc, out=erfc)
    erfc *= t  # erfc(z) now
    erfc *= z
    erfc *= _SQRT_HALF
    np.maximum(x, 0, out=x)
    x -= erfc
    return x
