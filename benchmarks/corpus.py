"""Benchmark corpora made from the bundled reports: many distinct documents, not copies.

Each variant gets its own closing paragraph, so every document has its own text and id.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "evals" / "corpus"


def variants(target: Path, copies: int) -> list[Path]:
    """Write ``copies`` versions of every bundled .txt/.md report under ``target``."""
    sources = sorted(p for p in BUNDLED.rglob("*") if p.suffix in (".txt", ".md"))
    written = []
    for n in range(copies):
        for source in sources:
            path = target / f"v{n:04d}" / source.parent.name / source.name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(source.read_text(encoding="utf-8")
                            + f"\n\nEditor's note {n}: this copy was filed as version {n}.\n")
            written.append(path)
    return written
