"""``corroborate``: the command line, a thin adapter over :class:`assistant.Assistant`.

Exit status: 0 all went well; 1 the work was done but some input was skipped (each skipped
file is named with its reason); 2 nothing was done (bad usage, a store or setting problem).
"""

from __future__ import annotations

import argparse
import atexit
import gc
import json
import sys
from collections.abc import Sequence
from importlib.metadata import entry_points

from index.errors import CorroborateError

EXIT_OK, EXIT_SKIPPED, EXIT_ERROR = 0, 1, 2
READ_ONLY = frozenset({"ask", "chat", "docs", "show", "timeline"})  # commands that write nothing


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="corroborate",
        description="Ask questions of a collection of reports; answers cite exact sentences. "
                    "The store and language-model options go before or after the command.")
    add_shared_arguments(parser)
    commands = _Commands(parser.add_subparsers(dest="command", required=True, metavar="COMMAND"))

    ingest = commands.add_parser("ingest", help="add .txt/.md/.html files and folders")
    ingest.add_argument("paths", nargs="+", metavar="PATH")
    ingest.add_argument("--max-bytes", type=int, help="skip files larger than this "
                                                      "(default: $CORROBORATE_MAX_BYTES or 5000000)")
    ingest.add_argument("--json", action="store_true", help="print the report as JSON")
    ingest.add_argument("--quiet", action="store_true", help="no progress bar")

    docs = commands.add_parser("docs", help="list stored documents")
    docs.add_argument("--json", action="store_true")
    docs.add_argument("--check", action="store_true", help="verify the store against its manifest")

    show = commands.add_parser("show", help="a document with its sentences, offsets and flags")
    show.add_argument("doc_id", metavar="DOC_ID", help="document id or a unique prefix of it")
    show.add_argument("--json", action="store_true")

    forget = commands.add_parser("forget", help="remove a document and its sentences")
    forget.add_argument("doc_id", metavar="DOC_ID")

    ask = commands.add_parser("ask", help="answer one question, citing exact sentences")
    ask.add_argument("question", metavar="QUESTION")
    ask.add_argument("--json", action="store_true")

    again = commands.add_parser("reanalyse", help="analyse again the reports an earlier version "
                                                  "stored (needed once after an upgrade)")
    again.add_argument("--quiet", action="store_true", help="no progress bar")
    again.add_argument("--all", action="store_true", dest="everything",
                       help="every report, not only those an earlier version analysed")

    line = commands.add_parser("timeline", help="the instances the reports describe, in order")
    line.add_argument("--json", action="store_true")

    for command in plugin_commands():
        command.add_arguments(commands.add_parser(command.name, help=command.help))

    chat = commands.add_parser("chat", help="a conversation; with --json, one question per "
                                            "line on stdin and one JSON answer per line out")
    chat.add_argument("--json", action="store_true")
    return parser


class _Commands:
    """The subcommands, each also taking the shared options ("ingest DIR --store S"). There a
    shared option defaults to nothing at all (``SUPPRESS``), so a value given before the command
    is kept unless the same option follows it."""

    def __init__(self, subparsers) -> None:
        self._subparsers = subparsers

    def add_parser(self, name: str, **kwargs) -> argparse.ArgumentParser:
        command = self._subparsers.add_parser(name, **kwargs)
        add_shared_arguments(command, default=argparse.SUPPRESS)
        return command


def add_shared_arguments(parser: argparse.ArgumentParser, default=None) -> None:
    """--store, --chroma-url and the language-model options, with ``default`` for each."""
    parser.add_argument("--store", default=default, help="store directory (default: "
                        "$CORROBORATE_STORE or the per-user data directory)")
    parser.add_argument("--chroma-url", default=default, help="use a Chroma server instead of a "
                        "store directory, e.g. http://127.0.0.1:8000 or "
                        "http://127.0.0.1:8000/DATABASE (default: $CORROBORATE_CHROMA_URL)")
    add_llm_arguments(parser, default)


def add_llm_arguments(parser: argparse.ArgumentParser, default=None) -> None:
    """--llm, --llm-url, --llm-model, --llm-timeout (the CLI's and the app's)."""
    group = parser.add_argument_group(
        "language model (optional; answers are extractive without one)",
        "Each displayed sentence is checked against the sentences it cites. The API key, if the "
        "server needs one, is read from $CORROBORATE_LLM_API_KEY or $OPENAI_API_KEY.")
    group.add_argument("--llm", choices=["openai-compatible", "ollama"], default=default,
                       help="plug in a language model (default: $CORROBORATE_LLM, else none)")
    group.add_argument("--llm-url", metavar="URL", default=default, help="its endpoint, e.g. "
                       "http://127.0.0.1:8080/v1 (default: $CORROBORATE_LLM_URL; for ollama "
                       "http://127.0.0.1:11434)")
    group.add_argument("--llm-model", metavar="NAME", default=default,
                       help="the model's name on that server "
                       "(default: $CORROBORATE_LLM_MODEL)")
    group.add_argument("--llm-timeout", type=float, metavar="SECONDS", default=default,
                       help="give up on the model after this long and answer without it "
                            "(default: $CORROBORATE_LLM_TIMEOUT or 60)")


def llm_config(args: argparse.Namespace):
    """The language model the flags (over ``CORROBORATE_LLM*``) ask for, or None."""
    from assistant.settings import load_settings

    return load_settings(llm=args.llm, llm_url=args.llm_url, llm_model=args.llm_model,
                         llm_timeout=args.llm_timeout).llm_config()


PLUGINS = "corroborate.commands"


def plugin_commands() -> list:
    """Commands other installed packages add, by entry points in the ``corroborate.commands``
    group (``corroborate eval`` comes from the ``evals`` package this way, so the product imports
    nothing of it). Each names an object with ``name``, ``help``, ``add_arguments(parser)`` and
    ``run(args) -> exit status``; one whose name is taken by a built-in command is left out."""
    found = [entry.load() for entry in entry_points(group=PLUGINS)]
    return [c for c in found if c.name not in _COMMANDS]


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    commands = _COMMANDS | {c.name: c.run for c in plugin_commands()}
    if args.command in READ_ONLY:
        _exit_without_collecting()
    try:
        return commands[args.command](args)
    except CorroborateError as exc:
        print(f"corroborate: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("corroborate: interrupted; run the same command again to finish", file=sys.stderr)
        return EXIT_ERROR


def _exit_without_collecting() -> None:
    """Let the interpreter end without garbage-collecting what a read-only command loaded.

    Python's teardown runs full collections over every object still alive (spaCy's model and
    vocabulary, Chroma, the encoder: some 140,000 tracked objects), 0.3-0.4 s of a fresh
    ``corroborate ask`` after the answer is printed. ``gc.freeze()`` as an exit handler moves them
    where the collector never looks; it runs only when the process really ends, so ``main()``
    called from a test or another program changes nothing for its caller's heap. What that
    skips is collecting reference cycles left at exit, whose finalizers Python does not promise
    to run then anyway; commands that write (ingest, forget) keep the usual teardown, so the
    store never depends on it.
    """
    atexit.unregister(gc.freeze)  # once, however often main() runs in this process
    atexit.register(gc.freeze)


def _assistant(args: argparse.Namespace, **extra: object):
    from assistant.assistant import Assistant  # heavy imports only once a command runs

    return Assistant(store=args.store, chroma_url=args.chroma_url, llm=llm_config(args), **extra)


def _ingest(args: argparse.Namespace) -> int:
    from assistant.render import ingest_summary, printable, progress_bar

    assistant = _assistant(args, max_bytes=args.max_bytes)
    with progress_bar(disable=args.quiet or args.json) as progress:
        report = assistant.ingest(args.paths, progress=progress)
    reanalyse_stale(assistant, quiet=args.quiet or args.json)
    assistant.prepare()  # so the next process's first question need not build the instances
    for skipped in report.skipped:
        print(printable(f"skipped {skipped.path}: {skipped.reason}"), file=sys.stderr)
    print(json.dumps(report.to_dict(), indent=2) if args.json else ingest_summary(report))
    return EXIT_OK if report.ok else EXIT_SKIPPED


def reanalyse_stale(assistant, quiet: bool = False, everything: bool = False) -> int:
    """Bring stored analyses up to date (after an upgrade), with a progress bar on stderr."""
    from assistant.render import progress_bar

    todo = len(assistant.documents()) if everything else len(assistant.stale_analyses())
    if todo and not quiet and not everything:
        print(f"analysing {todo} reports stored by an earlier version (once)", file=sys.stderr)
    with progress_bar(disable=quiet or not todo) as progress:
        return assistant.reanalyse(lambda done, total: progress(done, total, "analysing"),
                                   everything)


def _reanalyse(args: argparse.Namespace) -> int:
    done = reanalyse_stale(_assistant(args), quiet=args.quiet, everything=args.everything)
    print(f"reanalysed {done} reports" if done else "every stored analysis is up to date")
    return EXIT_OK


def _hint_if_stale(assistant) -> None:
    """Read-only commands write nothing: they say once that the store needs reanalysing."""
    stale = len(assistant.stale_analyses())
    if stale:
        print(f"corroborate: {stale} reports have no up-to-date stored analysis and are parsed "
              "again by every process; run `corroborate reanalyse` once", file=sys.stderr)


def _docs(args: argparse.Namespace) -> int:
    from assistant.render import documents_table

    assistant = _assistant(args)
    records = assistant.documents()
    problems = assistant.check() if args.check else []
    if args.json:
        payload = {"documents": [r.__dict__ for r in records]}
        print(json.dumps(payload | ({"problems": problems} if args.check else {}), indent=2))
    else:
        print(documents_table(records))
        for problem in problems:
            print(f"problem: {problem}")
        if args.check and not problems:
            print(f"check: {len(records)} documents consistent")
    return EXIT_ERROR if problems else EXIT_OK


def _show(args: argparse.Namespace) -> int:
    from assistant.render import document_listing

    view = _assistant(args).document(args.doc_id)
    print(json.dumps(view.to_dict(), indent=2, ensure_ascii=False) if args.json
          else document_listing(view))
    return EXIT_OK


def _forget(args: argparse.Namespace) -> int:
    from assistant.render import printable

    record = _assistant(args).forget(args.doc_id)
    print(printable(f"forgot {record.doc_id} ({record.shown_path}, "
                    f"{record.sentence_count} sentences)"))
    return EXIT_OK


def _ask(args: argparse.Namespace) -> int:
    from assistant.render import answer_text

    assistant = _assistant(args)
    _hint_if_stale(assistant)
    answer = assistant.ask(args.question)
    print(json.dumps(answer.to_dict(), ensure_ascii=False) if args.json
          else answer_text(answer, assistant.shown_paths()))
    return EXIT_OK


def _timeline(args: argparse.Namespace) -> int:
    from assistant.render import timeline_text

    assistant = _assistant(args)
    entries = assistant.timeline()
    print(json.dumps([e.to_dict() for e in entries], indent=2, ensure_ascii=False) if args.json
          else timeline_text(entries, assistant.shown_paths()))
    return EXIT_OK


def _chat(args: argparse.Namespace) -> int:
    from assistant.render import answer_text

    assistant = _assistant(args)
    _hint_if_stale(assistant)
    session = assistant.chat()
    interactive = sys.stdin.isatty() and not args.json
    if interactive:
        print("Ask about the documents; an empty line or Ctrl-D ends the chat.")
    for line in _questions(interactive):
        try:
            answer = session.ask(line)
        except CorroborateError as exc:  # one bad question must not end the conversation
            print(json.dumps({"question": line, "error": str(exc)}) if args.json
                  else f"corroborate: {exc}", flush=True)
            continue
        print(json.dumps(answer.to_dict(), ensure_ascii=False) if args.json
              else answer_text(answer, assistant.shown_paths()) + "\n", flush=True)
    return EXIT_OK


def _questions(interactive: bool):
    # Bytes that are not text in the terminal's encoding reach the question as surrogates, which
    # the library refuses with a message, instead of a decoding traceback ending the chat.
    if hasattr(sys.stdin, "reconfigure"):
        sys.stdin.reconfigure(errors="surrogateescape")
    while True:
        try:
            line = input("you> ") if interactive else sys.stdin.readline()
        except EOFError:
            return
        if not interactive and line == "":
            return
        if interactive and not line.strip():
            return
        if line.strip():
            yield line.strip()


_COMMANDS = {"ingest": _ingest, "docs": _docs, "show": _show, "forget": _forget,
             "ask": _ask, "chat": _chat, "timeline": _timeline, "reanalyse": _reanalyse}

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
