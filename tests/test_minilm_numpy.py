"""The numpy forward pass gives sentence-transformers' vectors, and only for folders it can run.

sentence-transformers is the reference here, and only here: the product never imports it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from index.embedder import bundled_model_path
from index.errors import ConfigurationError
from index.minilm_numpy import BertShape, NumpyMiniLM

ROOT = Path(__file__).resolve().parents[1]
TOLERANCE = 1e-5  # max abs difference per coordinate, the bar

REPORT = (ROOT / "evals" / "corpus" / "seeds" / "000_1c8997f6c28d3217.txt").read_text(
    encoding="utf-8")
TEXTS = [
    "",
    " ",
    "Hi",
    "The ash column rose to 8 km.",
    "  Leading and trailing white space, twice  over.  ",
    "Café, naïve façade — Ωμέγα, 東京, Москва, 🌋 and ½ of 10 %",
    "\u200b\ufeffzero-width\u00adsoft hyphen\ttab\nnewline",
    "UPPER lower MiXeD; punctuation!?… (brackets) [square] {curly} «quotes»",
    "x" * 3000,  # one very long word: many word pieces, truncated
    REPORT,  # a whole report: far beyond 256 tokens, truncated
    REPORT[:1500],
    *[line for line in REPORT.splitlines() if line.strip()][:40],
]


@pytest.fixture(scope="module")
def reference():
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(bundled_model_path()), device="cpu")
    return lambda texts: model.encode(list(texts), batch_size=64, normalize_embeddings=True,
                                      convert_to_numpy=True, show_progress_bar=False)


@pytest.fixture(scope="module")
def numpy_minilm():
    return NumpyMiniLM(bundled_model_path())


def test_the_texts_cover_truncation(numpy_minilm):
    limit = numpy_minilm.shape.max_tokens
    lengths = [len(e.ids) for e in numpy_minilm._tokenizer.encode_batch(TEXTS)]
    assert limit == 256 and max(lengths) == limit and min(lengths) == 2  # [CLS] [SEP] only


def test_batch_vectors_equal_sentence_transformers(numpy_minilm, reference):
    ours, theirs = numpy_minilm.encode(TEXTS), reference(TEXTS)
    assert ours.dtype == np.float32 and ours.shape == theirs.shape
    assert float(np.abs(ours - theirs).max()) < TOLERANCE


def test_one_text_at_a_time_equals_sentence_transformers(numpy_minilm, reference):
    for text in TEXTS[:12]:
        assert float(np.abs(numpy_minilm.encode([text])[0] - reference([text])[0]).max()) \
            < TOLERANCE, text


def test_a_vector_does_not_depend_on_its_batch(numpy_minilm):
    short = "Rates were cut."
    alone = numpy_minilm.encode([short])[0]
    padded = numpy_minilm.encode([REPORT, short, "x" * 3000, short])
    assert np.abs(padded[1] - alone).max() < TOLERANCE
    assert np.array_equal(padded[1], padded[3])


def test_workers_do_not_change_the_vectors(numpy_minilm):
    one = NumpyMiniLM(bundled_model_path(), workers=1).encode(TEXTS)
    assert numpy_minilm.workers >= 1
    assert np.abs(NumpyMiniLM(bundled_model_path(), workers=3).encode(TEXTS) - one).max() \
        < TOLERANCE


def test_the_bundled_folder_reads_as_minilm():
    assert BertShape.from_folder(bundled_model_path()) == BertShape(
        layers=6, heads=12, hidden=384, eps=1e-12, max_tokens=256)


def _copy_of_bundled(tmp_path: Path) -> Path:
    folder = tmp_path / "model"
    shutil.copytree(bundled_model_path(), folder, ignore=shutil.ignore_patterns("*.safetensors"))
    return folder


def _edit(path: Path, **changes) -> None:
    path.write_text(json.dumps(json.loads(path.read_text()) | changes))


@pytest.mark.parametrize("file, changes", [
    ("1_Pooling/config.json", {"pooling_mode_mean_tokens": False, "pooling_mode_cls_token": True}),
    ("config.json", {"hidden_act": "gelu_new"}),
    ("config.json", {"model_type": "roberta"}),
])
def test_a_folder_it_does_not_implement_is_refused(tmp_path, file, changes):
    folder = _copy_of_bundled(tmp_path)
    _edit(folder / file, **changes)
    with pytest.raises(ConfigurationError):
        BertShape.from_folder(folder)


def test_a_module_list_it_does_not_implement_is_refused(tmp_path):
    folder = _copy_of_bundled(tmp_path)
    modules = json.loads((folder / "modules.json").read_text())
    modules.insert(2, {"idx": 2, "name": "2", "path": "2_Dense",
                       "type": "sentence_transformers.models.Dense"})
    (folder / "modules.json").write_text(json.dumps(modules))
    with pytest.raises(ConfigurationError, match="Dense"):
        BertShape.from_folder(folder)


def test_a_folder_without_safetensors_weights_is_refused(tmp_path):
    with pytest.raises(ConfigurationError, match="safetensors"):
        NumpyMiniLM(_copy_of_bundled(tmp_path))


def test_embedding_a_question_imports_no_torch():
    code = ("import sys\n"
            "from index.embedder import MiniLMEmbedder\n"
            "MiniLMEmbedder().embed_query('How long was the recording?')\n"
            "print(sorted(m for m in ('torch', 'transformers', 'sentence_transformers')"
            " if m in sys.modules))\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    assert done.stdout.strip() == "[]"


QUESTION_PATHS = {
    # The CLI and the library (which the web app goes through): both reach spaCy's thinc through
    # SpacyPipeline, which hides torch from it (assistant.language.pipeline._thinc_without_torch).
    "cli": "from assistant.cli import main\n"
           "main(['ask', 'How long was the recording?', '--store', sys.argv[1]])\n",
    "library": "from assistant import Assistant\n"
               "print(Assistant(store=sys.argv[1]).ask('How long was the recording?').text)\n",
}


@pytest.fixture(scope="module")
def one_report_store(tmp_path_factory):
    store = tmp_path_factory.mktemp("one") / "store"
    script = Path(sys.executable).parent / "corroborate"
    report = ROOT / "evals" / "corpus" / "seeds" / "000_1c8997f6c28d3217.txt"
    subprocess.run([sys.executable, str(script), "ingest", str(report), "--store", str(store),
                    "--quiet"], cwd=store.parent, capture_output=True, check=True)
    return store


@pytest.mark.slow
@pytest.mark.parametrize("entry", QUESTION_PATHS)
def test_a_fresh_ask_imports_no_torch(one_report_store, entry):
    """The whole question path in a fresh process: the embedder, and spaCy's thinc."""
    code = ("import sys\n" + QUESTION_PATHS[entry] +
            "heavy = ('torch', 'transformers', 'sentence_transformers')\n"
            "print(sorted(m for m in heavy if sys.modules.get(m)), 'spacy' in sys.modules,"
            " file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", code, str(one_report_store)],
                          cwd=one_report_store.parent, capture_output=True, text=True, check=True)
    assert done.stdout.strip()  # an answer was printed
    assert done.stderr.strip().splitlines()[-1] == "[] True"
