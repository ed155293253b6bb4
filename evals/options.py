"""The eval command's options, kept free of heavy imports so any CLI can offer them cheaply."""

from __future__ import annotations

import argparse
from pathlib import Path

SUITES = ("own", "dev", "heldout", "ramdocs")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("cases", nargs="*", type=Path, metavar="CASES",
                        help="case files of the own suite (default: evals/cases/*.yaml)")
    parser.add_argument("--suite", default=",".join(SUITES), type=_suites, metavar="NAMES",
                        help="comma-separated suites to run: own (the three bundled corpora), dev "
                             "(the development pool, evals/dev), heldout (collections written "
                             "without reading the product, evals/heldout*), ramdocs "
                             "(RAMDocs); "
                             "default all")
    parser.add_argument("--full", action="store_true",
                        help="RAMDocs: all 400 questions (default: the fixed sample of 100)")
    parser.add_argument("--json", type=Path, metavar="OUT", help="write every result as JSON")
    parser.add_argument("--markdown", type=Path, metavar="OUT", help="write the report as Markdown")
    parser.add_argument("--target", metavar="MODULE:FUNCTION",
                        help="answer with this factory(assistant) -> (turns, question) -> Answer")
    parser.add_argument("--k", type=int, default=10, help="retrieval recall@k (default 10)")


def _suites(text: str) -> tuple[str, ...]:
    names = tuple(n.strip() for n in text.split(",") if n.strip())
    unknown = [n for n in names if n not in SUITES]
    if unknown or not names:
        raise argparse.ArgumentTypeError(f"unknown suite {', '.join(unknown) or '(none)'}; "
                                         f"choose from {', '.join(SUITES)}")
    return names
