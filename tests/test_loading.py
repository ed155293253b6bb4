"""Tests for :mod:`index.loading` and :mod:`index.ids`: finding files, every kind of bad input,
BOM and CRLF handling with exact offsets, HTML extraction, and loading the sample corpus."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from index.boilerplate import find_furniture
from index.ids import doc_id_for, sentence_id_for
from index.loading import SUPPORTED, Loaded, Skipped, iter_files, load_file

SEEDS = Path(__file__).resolve().parent.parent / "evals" / "corpus" / "seeds"
LIMIT = 1_000_000
STORY = "Bridge to close\n\nBy Jane Doe\n\nThe council voted on Tuesday to close the bridge.\n"


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def loaded(path: Path, max_bytes: int = LIMIT) -> Loaded:
    result = load_file(path, max_bytes)
    assert isinstance(result, Loaded), result
    return result


def skipped(path: Path, max_bytes: int = LIMIT) -> str:
    result = load_file(path, max_bytes)
    assert isinstance(result, Skipped), result
    assert result.path == str(path) and "\n" not in result.reason
    return result.reason


# --- ids ------------------------------------------------------------------------------------------
def test_ids() -> None:
    assert doc_id_for("abc") == hashlib.sha256(b"abc").hexdigest()[:16]
    assert doc_id_for("é") == hashlib.sha256("é".encode()).hexdigest()[:16]
    assert sentence_id_for("0123456789abcdef", 7) == "0123456789abcdef:00007"
    with pytest.raises(ValueError):
        sentence_id_for("0123456789abcdef", -1)


# --- iter_files ---------------------------------------------------------------------------------
def test_folder_walk_is_recursive_sorted_and_reports_unsupported(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ["b.txt", "a.md", "notes.pdf", "sub/z.html", "sub/deeper/y.htm", "sub/deeper/x.markdown",
                 "sub/README", ".hidden.txt", ".git/config.txt", "sub/.cache/c.txt", "C.TXT"]:
        write(tmp_path / "corpus" / name, STORY)
    monkeypatch.chdir(tmp_path)
    found = list(iter_files(["corpus"]))
    paths = [str(p) for p in found if isinstance(p, Path)]
    skips = {s.path: s.reason for s in found if isinstance(s, Skipped)}
    assert paths == ["corpus/C.TXT", "corpus/a.md", "corpus/b.txt", "corpus/sub/deeper/x.markdown",
                     "corpus/sub/deeper/y.htm", "corpus/sub/z.html"]
    assert set(skips) == {"corpus/notes.pdf", "corpus/sub/README"}
    assert "'.pdf'" in skips["corpus/notes.pdf"] and ".txt" in skips["corpus/notes.pdf"]
    assert "no extension" in skips["corpus/sub/README"]


def test_explicit_paths_missing_unsupported_and_duplicates(tmp_path: Path) -> None:
    good = write(tmp_path / "a.txt", STORY)
    hidden = write(tmp_path / ".b.txt", STORY)  # named explicitly, so it is used
    pdf = write(tmp_path / "c.pdf", b"%PDF-1.4")
    missing = tmp_path / "nope.txt"
    found = list(iter_files([good, str(missing), pdf, good, hidden]))
    assert found[0] == good and found[-1] == hidden and len(found) == 4
    assert found[1] == Skipped(str(missing), found[1].reason) and "not found" in found[1].reason
    assert isinstance(found[2], Skipped) and "unsupported" in found[2].reason


def test_symlinked_folder_loop_is_walked_once(tmp_path: Path) -> None:
    write(tmp_path / "c" / "a.txt", STORY)
    (tmp_path / "c" / "loop").symlink_to(tmp_path / "c")
    assert list(iter_files([tmp_path / "c"])) == [tmp_path / "c" / "a.txt"]


def test_supported_extensions() -> None:
    assert SUPPORTED == (".txt", ".md", ".markdown", ".html", ".htm")


# --- bad input ---------------------------------------------------------------------------------------
def test_empty_and_whitespace_only(tmp_path: Path) -> None:
    assert "empty" in skipped(write(tmp_path / "e.txt", b""))
    assert "empty" in skipped(write(tmp_path / "w.txt", " \n\r\n\t \n"))
    assert "empty" in skipped(write(tmp_path / "bom.txt", b"\xef\xbb\xbf\n"))


def test_too_big_names_size_limit_and_how_to_raise(tmp_path: Path) -> None:
    path = write(tmp_path / "big.txt", "x" * 2001)
    reason = skipped(path, max_bytes=2000)
    assert "2,001" in reason and "2,000" in reason
    assert "--max-bytes" in reason and "CORROBORATE_MAX_BYTES" in reason
    assert isinstance(load_file(write(tmp_path / "edge.txt", "x" * 2000), 2000), Loaded)


def test_binary(tmp_path: Path) -> None:
    assert "binary" in skipped(write(tmp_path / "nul.txt", b"text\x00more text"))
    controls = bytes(range(1, 9)) * 20 + b"some words"
    assert "binary" in skipped(write(tmp_path / "ctl.txt", controls))


def test_invalid_utf8_names_byte_offset_and_fix(tmp_path: Path) -> None:
    reason = skipped(write(tmp_path / "latin.txt", "Café au lait".encode("latin-1")))
    assert "UTF-8" in reason and "offset 3" in reason and "convert" in reason
    reason = skipped(write(tmp_path / "bom_latin.txt", b"\xef\xbb\xbf" + "Café".encode("latin-1")))
    assert "offset 6" in reason  # counted in the file's bytes, BOM included


def test_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "locked.txt", STORY)

    def deny(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", deny)
    assert "permission" in skipped(path)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read anything")
def test_unreadable_for_real(tmp_path: Path) -> None:
    path = write(tmp_path / "locked.txt", STORY)
    path.chmod(0)
    try:
        assert "permission" in skipped(path)
    finally:
        path.chmod(0o644)


def test_a_folder_given_as_file_is_skipped(tmp_path: Path) -> None:
    folder = tmp_path / "d.txt"
    folder.mkdir()
    assert "cannot read" in skipped(folder)


# --- text files: exact text, BOM, CRLF ---------------------------------------------------------------
def test_txt_document_fields(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "c" / "story.txt", STORY)
    monkeypatch.chdir(tmp_path)
    result = loaded(Path("c/story.txt"))
    doc = result.document
    assert doc.text == STORY and doc.format == "txt" and doc.source == "c/story.txt"
    assert doc.doc_id == doc_id_for(STORY)
    assert doc.content_hash == hashlib.sha256(STORY.encode()).hexdigest()
    assert doc.meta.title == "Bridge to close" and doc.meta.byline == "Jane Doe"
    assert result.furniture == tuple(find_furniture(STORY))
    assert loaded(write(tmp_path / "s.md", "# Bridge\n\nText here.\n")).document.format == "md"
    assert loaded(write(tmp_path / "s.markdown", "# Bridge\n\nText.\n")).document.meta.title == "Bridge"


def test_bom_is_dropped_and_offsets_refer_to_decoded_text(tmp_path: Path) -> None:
    raw = b"\xef\xbb\xbf" + STORY.encode()
    doc = loaded(write(tmp_path / "bom.txt", raw)).document
    assert doc.text == STORY and not doc.text.startswith("\ufeff")
    assert doc.content_hash == hashlib.sha256(raw).hexdigest()  # the hash covers the raw bytes
    assert doc.meta.title == "Bridge to close"


def test_crlf_is_kept_and_furniture_offsets_are_exact(tmp_path: Path) -> None:
    text = "Bridge to close\r\nPublished 2 May 2022\r\nBy Jane Doe\r\n\r\nThe council voted.\r\nADVERTISEMENT\r\n"
    result = loaded(write(tmp_path / "crlf.txt", text))
    assert result.document.text == text  # no newline normalisation
    pieces = [(f.kind, text[f.start:f.end]) for f in result.furniture]
    assert pieces == [("timestamp", "Published 2 May 2022"), ("byline", "By Jane Doe"),
                      ("advertisement", "ADVERTISEMENT")]
    assert result.document.meta.published == "2022-05-02"


# --- HTML -------------------------------------------------------------------------------------------
PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>Volcano erupts on northern island | Example Daily</title></head>
<body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Volcano erupts on northern island</h1>
<p>The volcano on the northern island erupted early on Tuesday, sending ash five kilometres into the sky and
forcing hundreds of residents to leave their homes.</p>
<p>Officials said no one had been hurt, but flights to the island were cancelled until further notice while the
ash cloud drifted east over the sea.</p>
<p>"We heard a loud bang and then the sky went dark," said one resident who fled with her two children.</p>
</article>
<aside><h3>Most read</h3><ul><li>Cat wins national award</li><li>Rates held again</li></ul></aside>
<footer><p>Copyright 2024 Example Daily. All rights reserved.</p><a href="/privacy">Privacy Policy</a></footer>
</body></html>
"""


def test_html_article_is_extracted_without_nav_aside_footer(tmp_path: Path) -> None:
    result = loaded(write(tmp_path / "page.html", PAGE))
    doc = result.document
    assert doc.format == "html"
    assert "erupted early on Tuesday" in doc.text and "fled with her two children" in doc.text
    for chrome in ["Cat wins national award", "Privacy Policy", "All rights reserved", "Sport"]:
        assert chrome not in doc.text
    assert doc.meta.title == "Volcano erupts on northern island"
    assert doc.doc_id == doc_id_for(doc.text)
    assert doc.content_hash == hashlib.sha256(PAGE.encode()).hexdigest()
    for f in result.furniture:
        assert doc.text[f.start:f.end].strip() == doc.text[f.start:f.end]


def test_html_without_article_text_is_skipped(tmp_path: Path) -> None:
    page = "<html><head><title>Nothing</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
    assert "no article text" in skipped(write(tmp_path / "empty.htm", page))


# --- the sample corpus ---------------------------------------------------------------------------------
def test_sample_corpus_loads_exactly() -> None:
    found = list(iter_files([SEEDS]))
    assert len(found) == 5 and all(isinstance(p, Path) for p in found)
    for path in found:
        result = loaded(path)
        text = path.read_bytes().decode("utf-8")
        assert result.document.text == text and result.document.source == str(path)
        assert result.furniture == tuple(find_furniture(text)) and result.furniture
