"""Open Corroborate in the browser, ingesting a corpus first when the store is empty.

    python app.py [--store DIR] [--corpus DIR] [--host HOST] [--port PORT] [--share]
                  [--llm openai-compatible|ollama --llm-model NAME [--llm-url URL]]

A thin adapter over the library, like the CLI: settings come from flags or ``CORROBORATE_*``
variables, and the page is :mod:`assistant.web`. ``--terminal`` chats in the terminal instead.
"""

from __future__ import annotations

import argparse
import sys
from importlib import resources
from pathlib import Path

# The bundled sample and its example questions: package data of ``evals``, wherever installed.
EVALS = Path(str(resources.files("evals")))
BUNDLED = EVALS / "corpus" / "seeds"
EXAMPLES = EVALS / "examples"


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", help="store directory (default: $CORROBORATE_STORE or the "
                                        "per-user data directory)")
    parser.add_argument("--chroma-url", help="use a Chroma server instead of the store "
                        "directory (default: $CORROBORATE_CHROMA_URL)")
    parser.add_argument("--corpus", type=Path, help="what to ingest into an empty store "
                        "(default: $CORROBORATE_CORPUS or the bundled sample)")
    parser.add_argument("--examples", type=Path, help="example questions, one per line "
                        "(default: $CORROBORATE_EXAMPLES, or evals/examples/NAME.txt for a "
                        "corpus folder called NAME)")
    parser.add_argument("--host", help="address to listen on (default: 127.0.0.1, this machine "
                                       "only; $CORROBORATE_HOST)")
    parser.add_argument("--port", type=int, help="port (default: 7860; $CORROBORATE_PORT)")
    parser.add_argument("--share", action="store_true",
                        help="also publish a public gradio.live link (off unless asked)")
    parser.add_argument("--terminal", action="store_true", help="chat in the terminal instead")
    from assistant.cli import add_llm_arguments

    add_llm_arguments(parser)
    return parser.parse_args(argv)


def llm_flags(args: argparse.Namespace) -> list[str]:
    """The language-model flags given, to hand on to the terminal chat."""
    given = {"--llm": args.llm, "--llm-url": args.llm_url, "--llm-model": args.llm_model,
             "--llm-timeout": args.llm_timeout}
    return [part for flag, value in given.items() if value is not None
            for part in (flag, str(value))]


def examples_for(given: Path | None, corpus: Path) -> list[str]:
    path = given or EXAMPLES / f"{corpus.name}.txt"
    if not path.is_file():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [q.strip() for q in lines if q.strip() and not q.startswith("#")]


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    from assistant import Assistant, CorroborateError
    from assistant.cli import main as cli
    from assistant.cli import reanalyse_stale
    from assistant.render import ingest_summary, progress_bar
    from assistant.settings import load_settings

    try:
        settings = load_settings(store=args.store, host=args.host, port=args.port,
                                 corpus=args.corpus, examples=args.examples,
                                 chroma_url=args.chroma_url, llm=args.llm,
                                 llm_url=args.llm_url, llm_model=args.llm_model,
                                 llm_timeout=args.llm_timeout)
        assistant = Assistant(store=settings.store, chroma_url=settings.chroma_url,
                              llm=settings.llm_config())
        corpus = settings.corpus or BUNDLED
        if not assistant.documents():
            print(f"empty store {settings.store}: ingesting {corpus}", file=sys.stderr)
            with progress_bar() as progress:
                print(ingest_summary(assistant.ingest([corpus], progress=progress)),
                      file=sys.stderr)
        reanalyse_stale(assistant)  # a store from an earlier version: analysed once, here
        assistant.prepare()  # the first visitor's question does not wait for the instances
        if args.terminal:
            where = (["--chroma-url", settings.chroma_url] if settings.chroma_url
                     else ["--store", str(settings.store)])
            return cli([*where, *llm_flags(args), "chat"])
        from assistant.web import serve

        try:
            demo, url = serve(assistant, host=settings.host, port=settings.port,
                              share=args.share, uploads=settings.store / "uploads",
                              max_bytes=settings.max_bytes,
                              examples=examples_for(settings.examples, corpus))
        except OSError as exc:
            print(f"corroborate: cannot listen on {settings.host}:{settings.port} ({exc}); "
                  "choose another port with --port or CORROBORATE_PORT", file=sys.stderr)
            return 2
        print(f"Corroborate is at {url} (Ctrl+C stops it)", file=sys.stderr)
        demo.block_thread()
    except CorroborateError as exc:
        print(f"corroborate: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
