"""Start Corroborate on a store, ingesting the bundled sample corpus when the store is empty.

    python app.py [--store DIR] [--corpus DIR]

A thin adapter over the library, like the CLI. Until the browser UI lands, it opens the
terminal chat (`corroborate chat`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

BUNDLED = Path(__file__).resolve().parent / "evals" / "corpus" / "seeds"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", help="store directory (default: $CORROBORATE_STORE or the "
                                        "per-user data directory)")
    parser.add_argument("--corpus", type=Path, default=BUNDLED,
                        help="what to ingest into an empty store (default: the bundled sample)")
    args = parser.parse_args(argv)
    from assistant import Assistant, CorroborateError
    from assistant.cli import main as cli

    store = ["--store", args.store] if args.store else []
    try:
        empty = not Assistant(store=args.store).documents()
    except CorroborateError as exc:
        print(f"corroborate: {exc}", file=sys.stderr)
        return 2
    if empty:
        cli([*store, "ingest", str(args.corpus)])
    return cli([*store, "chat"])


if __name__ == "__main__":
    sys.exit(main())
