"""The extractive composer and a language-model target on the same cases, side by side.

    python -m evals.compare [CASES...] [--target evals.llm_target:smollm2_target] [--limit N]

Prints a Markdown table of every metric for both, and what the verifier did with the model's
sentences (from each answer's trace): how many it kept and dropped, and how many answers fell
back to the extractive one. Exits 1 when the model's displayed faithfulness misses the threshold
in evals/thresholds.toml (the other metrics are reported, not gated: a model may answer fewer
questions, but what it shows must stay as faithful).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from evals.cases import load_cases
from evals.metrics import load_thresholds, summarise
from evals.runner import CaseResult, chat_target, load_factory, run


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    cases = spread(load_cases(args.cases or None), args.limit)
    plain = run(cases, chat_target, k=args.k)
    written = run(cases, load_factory(args.target), k=args.k)
    report = table(plain, written, args.target) + "\n\n" + verifier_table(written)
    print(report)
    if args.markdown:
        args.markdown.write_text(report + "\n")
    threshold = load_thresholds()["faithfulness"]
    faithful = {m.name: m.value for m in summarise(written)}["faithfulness"]
    return 0 if faithful is None or faithful >= threshold else 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m evals.compare", description=__doc__)
    parser.add_argument("cases", nargs="*", type=Path, metavar="CASES")
    parser.add_argument("--target", default="evals.llm_target:smollm2_target",
                        metavar="MODULE:FUNCTION")
    parser.add_argument("--limit", type=int, metavar="N",
                        help="only N cases, evenly spread over all of them (a small model on "
                             "a CPU takes seconds per answer)")
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--markdown", type=Path, metavar="OUT")
    return parser


def spread(cases: list, limit: int | None) -> list:
    """``limit`` cases taken at even steps through ``cases`` (all of them without a limit)."""
    if not limit or limit >= len(cases):
        return cases
    return [cases[i * len(cases) // limit] for i in range(limit)]


def table(plain: Sequence[CaseResult], written: Sequence[CaseResult], target: str) -> str:
    thresholds = load_thresholds()
    rows = zip(summarise(plain, thresholds), summarise(written, thresholds))
    lines = [f"| metric | extractive | {target} | threshold |", "|---|---:|---:|---:|"]
    for a, b in rows:
        bound = "" if a.threshold is None else ("≤ " if a.lower_is_better else "≥ ") + \
            f"{a.threshold:.2f}"
        lines.append(f"| {a.name} | {_show(a)} | {_show(b)} | {bound} |")
    return "\n".join(lines)


def _show(metric) -> str:
    if metric.value is None:
        return "-"
    return f"{metric.value:.0f}" if metric.name == "cases" else f"{metric.value:.3f}"


def verifier_table(results: Sequence[CaseResult]) -> str:
    """What the verifier did with the model's sentences, summed over the answers' traces."""
    traces = [(r.answer or {}).get("trace", []) for r in results]
    asked = [t for t in traces if any(step["kind"] == "model" for step in t)]
    count = lambda kind: sum(step["kind"] == kind for t in asked for step in t)  # noqa: E731
    kept, dropped = count("kept"), count("dropped")
    fallback = sum(any(step["kind"] == "fallback" for step in t) for t in asked)
    per = (lambda n: f"{n / len(asked):.2f}") if asked else (lambda n: "-")
    return "\n".join([
        "| model sentences | total | per answer sent to the model |", "|---|---:|---:|",
        f"| answers sent to the model | {len(asked)} | |",
        f"| kept (shown) | {kept} | {per(kept)} |",
        f"| dropped by the verifier | {dropped} | {per(dropped)} |",
        f"| answers that fell back to the extractive one | {fallback} | {per(fallback)} |",
    ])


if __name__ == "__main__":
    sys.exit(main())
