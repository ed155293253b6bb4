"""Find and load the files a user names: plain text, Markdown and HTML news pages.

Contracts:

* :func:`iter_files` yields every usable file under the given paths, or a :class:`Skipped` that
  tells the user what is wrong with a path; it never raises for bad input. Folders are walked
  recursively in sorted order (by name, depth first); hidden files and folders (name starting
  with ".") inside folders are passed over silently; a file reached twice is yielded once.
  :func:`iter_found` adds the path people read for each file: relative to the folder given, or
  the file name for a file given by itself.
* :func:`load_file` returns a :class:`Loaded` or a :class:`Skipped`; it never raises for bad input.

Offsets: ``Document.text`` is what every offset refers to — never the file's bytes. Text and
Markdown files are decoded as UTF-8 with ``utf-8-sig`` semantics: a leading byte-order mark is
dropped and nothing else changes (line endings, including CRLF, are kept). A file that starts
with a UTF-16 or UTF-32 byte-order mark (as Windows editors save "Unicode" text) is decoded in
that encoding instead; other encodings are refused with the byte offset and a conversion
command, never guessed. For HTML the text is
the article extracted by trafilatura. ``content_hash`` is over the raw bytes, BOM included.
"""

from __future__ import annotations

import codecs
import hashlib
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from index.boilerplate import find_furniture
from index.ids import doc_id_for
from index.metadata import read_meta
from index.types import Document, DocumentMeta, Furniture

__all__ = ["SUPPORTED", "Loaded", "Skipped", "iter_files", "iter_found", "load_file"]

SUPPORTED = (".txt", ".md", ".markdown", ".html", ".htm")
FORMATS = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")
NO_ARTICLE = "no article text found in the HTML; save the article page itself, or its text as .txt"


@dataclass(frozen=True)
class Skipped:
    """A path that was not loaded; ``reason`` says in one line what is wrong and what to do."""

    path: str
    reason: str


@dataclass(frozen=True)
class Loaded:
    """A loaded document with the furniture found in its text."""

    document: Document
    furniture: tuple[Furniture, ...]


# --- finding files ----------------------------------------------------------------------------
def iter_files(paths: Iterable[str | Path]) -> Iterator[Path | Skipped]:
    """Supported files under ``paths`` in order, and a Skipped for each path that cannot be used.

    A missing path and an unsupported file (given explicitly or found in a folder) become
    Skipped, so the user sees them. Paths keep the form the user gave (not resolved).
    """
    return (item for item, _ in iter_found(paths))


def iter_found(paths: Iterable[str | Path]) -> Iterator[tuple[Path | Skipped, str]]:
    """What :func:`iter_files` yields, each with the path people read for it: relative to the
    folder given (``sub/a.txt``), or the file name for a file given by itself (a Skipped's
    own path for a Skipped)."""
    seen: set[Path] = set()
    visited_dirs: set[Path] = set()
    for given in map(Path, paths):
        for item in _walk(given, visited_dirs):
            if isinstance(item, Skipped):
                yield item, item.path
                continue
            real = item.resolve()
            if real not in seen:
                seen.add(real)
                yield item, _relative(item, given)


def _relative(path: Path, given: Path) -> str:
    return path.name if path == given else path.relative_to(given).as_posix()


def _walk(path: Path, visited_dirs: set[Path]) -> Iterator[Path | Skipped]:
    if not path.exists():
        reason = "broken link" if path.is_symlink() else "no such file or folder"
        yield Skipped(str(path), f"not found: {reason}; check the path")
    elif path.is_dir():
        yield from _walk_dir(path, visited_dirs)
    elif not path.is_file():
        yield Skipped(str(path), "not a regular file (device, socket or pipe); give a file or folder")
    elif path.suffix.lower() in SUPPORTED:
        yield path
    else:
        yield Skipped(str(path), _unsupported_reason(path))


def _walk_dir(folder: Path, visited_dirs: set[Path]) -> Iterator[Path | Skipped]:
    """Entries of ``folder`` sorted by name, recursively; a folder linked twice is walked once."""
    real = folder.resolve()
    if real in visited_dirs:
        return
    visited_dirs.add(real)
    try:
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError as err:
        yield Skipped(str(folder), f"cannot list folder: {err.strerror or err}; check its permissions")
        return
    for entry in entries:
        if not entry.name.startswith("."):
            yield from _walk(entry, visited_dirs)


def _unsupported_reason(path: Path) -> str:
    kind = f"'{path.suffix}'" if path.suffix else "(no extension)"
    return f"unsupported file type {kind}; supported: {', '.join(SUPPORTED)} — convert it to text or HTML first"


# --- loading one file ---------------------------------------------------------------------------
def load_file(path: Path, max_bytes: int) -> Loaded | Skipped:
    """Read, check, decode and (for HTML) extract one file; see the module docstring.

    Skipped when the file is unreadable, over ``max_bytes``, binary, not UTF-8, empty or
    whitespace only, or (HTML) has no article text besides furniture.
    """
    raw = _read(path, max_bytes)
    if isinstance(raw, Skipped):
        return raw
    text = _decode(path, raw)
    if isinstance(text, Skipped):
        return text
    fmt = FORMATS.get(path.suffix.lower(), "txt")
    if fmt != "html":
        return _build(path, raw, text, fmt, None, find_furniture(text))
    extracted = _extract_html(path, text)
    if isinstance(extracted, Skipped):
        return extracted
    article, title = extracted
    furniture = find_furniture(article)
    if not _has_content(article, furniture):  # e.g. only a menu item survived extraction
        return Skipped(str(path), NO_ARTICLE)
    return _build(path, raw, article, fmt, title, furniture)


def _read(path: Path, max_bytes: int) -> bytes | Skipped:
    """The file's bytes, or Skipped when it is unreadable or over ``max_bytes``."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return Skipped(str(path), _too_big_reason(size, max_bytes))
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)  # the file may have grown since stat()
    except PermissionError:
        return Skipped(str(path), "cannot read: permission denied; check the file's permissions")
    except OSError as err:
        return Skipped(str(path), f"cannot read: {err.strerror or err}; check the path")
    if len(raw) > max_bytes:
        return Skipped(str(path), _too_big_reason(len(raw), max_bytes))
    return raw


def _too_big_reason(size: int, max_bytes: int) -> str:
    return (f"file is {size:,} bytes, over the limit of {max_bytes:,} bytes; "
            "raise it with --max-bytes or the CORROBORATE_MAX_BYTES environment variable")


_NUL = "binary file (contains NUL bytes); only text, Markdown or HTML can be indexed"
# Byte-order marks that name a wide encoding, longest first (UTF-32-LE's starts like UTF-16-LE's).
_WIDE_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
              (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def _decode(path: Path, raw: bytes) -> str | Skipped:
    """Text without a leading BOM, or Skipped for binary, undecodable or empty files."""
    bom, encoding = next(((b, e) for b, e in _WIDE_BOMS if raw.startswith(b)), (b"", "utf-8"))
    if not bom and b"\x00" in raw:
        return Skipped(str(path), _NUL)
    try:
        # Decode after the BOM, so the error offset counts the file's bytes.
        text = raw[len(bom):].decode(encoding).removeprefix("\ufeff")
    except UnicodeDecodeError as err:
        at = f"bad byte at offset {err.start + len(bom)}"
        if bom:
            return Skipped(str(path), f"not valid {encoding.upper()[:6]} ({at}): the file is cut "
                                      "short or damaged; save it again, as UTF-8")
        return Skipped(str(path), f"not valid UTF-8 ({at}); convert the file to UTF-8, "
                                  "e.g. iconv -f windows-1252 -t utf-8")
    if "\x00" in text:
        return Skipped(str(path), _NUL)
    if _looks_binary(text):
        return Skipped(str(path), "binary file (many control characters); only text, Markdown or HTML can be indexed")
    if not text.strip():
        return Skipped(str(path), "empty file (nothing but whitespace); nothing to index")
    return text


def _looks_binary(text: str) -> bool:
    """More than 1% control characters (tabs and line breaks aside) and at least two of them."""
    controls = sum(1 for ch in text if ch not in ALLOWED_CONTROLS and unicodedata.category(ch) == "Cc")
    return controls > max(1, len(text) // 100)


def _extract_html(path: Path, html: str) -> tuple[str, str | None] | Skipped:
    """Article text and page title of an HTML page, or Skipped when no article text is found."""
    import trafilatura  # here, not at the top: 0.12 s of imports only HTML needs

    try:
        text = trafilatura.extract(html, include_comments=False, include_tables=False,
                                   favor_precision=True, with_metadata=False)
    except Exception as err:  # trafilatura/lxml raise many types on malformed pages
        return Skipped(str(path), f"HTML could not be parsed ({type(err).__name__}); check the page is complete")
    if not text or not text.strip():
        return Skipped(str(path), NO_ARTICLE)
    return text, _html_meta(html)


def _html_meta(html: str) -> DocumentMeta:
    """Title, date, author and site name from the page's markup (og:, JSON-LD, <time>, <title>).

    Dates come only from structured markup or stated datelines (htmldate without its extensive
    search), so a copyright year or a date in a URL-less page is never taken as publication date.
    """
    import lxml.html
    import trafilatura

    try:
        found = trafilatura.extract_metadata(
            html, extensive=False, date_config={"extensive_search": False, "original_date": True})
        title = (found.title if found is not None else None) or lxml.html.fromstring(html).findtext(".//title")
    except Exception:  # missing metadata is not worth failing the document for
        return DocumentMeta()
    pick = lambda value: value.strip() if isinstance(value, str) and value.strip() else None  # noqa: E731
    return DocumentMeta(title=pick(title) or "", outlet=pick(getattr(found, "sitename", None)),
                        byline=pick(getattr(found, "author", None)),
                        published=pick(getattr(found, "date", None)))


def _has_content(text: str, furniture: list[Furniture]) -> bool:
    """True when some non-space character lies outside every furniture span."""
    covered = sum(len("".join(text[f.start:f.end].split())) for f in furniture)  # spans are disjoint
    return len("".join(text.split())) > covered


def _build(path: Path, raw: bytes, text: str, fmt: str, html: DocumentMeta | None,
           furniture: list[Furniture]) -> Loaded:
    document = Document(
        doc_id=doc_id_for(text),
        source=str(path),
        text=text,
        format=fmt,
        content_hash=hashlib.sha256(raw).hexdigest(),
        meta=_merge(read_meta(text, furniture, html_title=html.title if html else None), html),
    )
    return Loaded(document, tuple(furniture))


def _merge(meta: DocumentMeta, html: DocumentMeta | None) -> DocumentMeta:
    """What the text states wins; the page's markup fills the gaps."""
    if html is None:
        return meta
    return replace(meta, outlet=meta.outlet or html.outlet, byline=meta.byline or html.byline,
                   published=meta.published or html.published)
