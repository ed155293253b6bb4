"""The eval command's options, kept free of heavy imports so any CLI can offer them cheaply."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("cases", nargs="*", type=Path, metavar="CASES",
                        help="case files (default: evals/cases/*.yaml)")
    parser.add_argument("--json", type=Path, metavar="OUT", help="write every result as JSON")
    parser.add_argument("--markdown", type=Path, metavar="OUT", help="write the report as Markdown")
    parser.add_argument("--target", metavar="MODULE:FUNCTION",
                        help="answer with this factory(assistant) -> (turns, question) -> Answer")
    parser.add_argument("--k", type=int, default=10, help="retrieval recall@k (default 10)")
