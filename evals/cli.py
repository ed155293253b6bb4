"""The eval command (also ``corroborate eval``): run cases, print metrics, gate on thresholds."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from evals.cases import CaseError, load_cases
from evals.options import add_arguments
from evals.metrics import summarise, table
from evals.runner import chat_target, load_factory, run


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals", description=__doc__)
    add_arguments(parser)
    return execute(parser.parse_args(argv))


def execute(args: argparse.Namespace) -> int:
    """Run, print the table and the failing cases; 1 when a threshold is missed."""
    try:
        cases = load_cases(args.cases or None)
        factory = load_factory(args.target) if args.target else chat_target
    except (CaseError, ValueError, ImportError, AttributeError) as exc:
        print(f"eval: {exc}", file=sys.stderr)
        return 2
    results = run(cases, factory, k=args.k)
    metrics = summarise(results)
    report = table(metrics) + "\n\n" + _failures(results)
    print(report)
    if args.markdown:
        args.markdown.write_text(report + "\n")
    if args.json:
        args.json.write_text(json.dumps([_as_json(r) for r in results], indent=2, ensure_ascii=False))
    missed = [m.name for m in metrics if not m.ok]
    if missed:
        print(f"\nthresholds missed: {', '.join(missed)}", file=sys.stderr)
    return 1 if missed else 0


def _failures(results) -> str:
    failing = [r for r in results if not r.passed]
    lines = [f"{len(results) - len(failing)} of {len(results)} cases pass."]
    for result in failing:
        answer = (result.answer or {}).get("answer", "") if result.answer else ""
        lines += [f"\n- **{result.case.id}**: {result.case.question}",
                  *(f"  - {p}" for p in ([result.error] if result.error else result.problems)),
                  "  ```text", *("  " + line for line in answer.splitlines()[:6]), "  ```"]
    return "\n".join(lines)


def _as_json(result) -> dict:
    return {"id": result.case.id, "question": result.case.question, "passed": result.passed,
            "error": result.error, "problems": result.problems, "correct": result.correct,
            "faithfulness": result.faithfulness, "citation_valid": result.citation_valid,
            "support_recall": result.support_recall, "disagreement": result.disagreement,
            "abstained": result.abstained, "answer": result.answer}
