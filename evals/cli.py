"""The eval command (also ``corroborate eval``): run the suites, print one report, gate.

Four suites, each with the product beside the baseline (:mod:`evals.baseline`):
- ``own``: the cases written with the product (``evals/cases``), the metrics of :mod:`evals.metrics`;
- ``dev``: the development pool (:mod:`evals.pool`), pass/total per collection, by its own rule;
- ``heldout``: collections in the pool's format written without reading the product
  (``evals/heldout``, ``evals/heldout2`` to ``evals/heldout4``), scored the same way: the
  generality check;
- ``ramdocs``: RAMDocs (:mod:`evals.ramdocs`), exact match, gold recall, abstention rate.
Only the product's figures are gated (``evals/thresholds.toml``); exit 1 when one is missed.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence

from evals.cases import CaseError, load_cases
from evals.options import add_arguments
from evals.metrics import load_thresholds, summarise, table
from evals.runner import chat_target, load_factory, run


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals", description=__doc__)
    add_arguments(parser)
    return execute(parser.parse_args(argv))


def execute(args: argparse.Namespace) -> int:
    """Run, print the tables and the failing cases; 1 when a threshold is missed."""
    try:
        cases = load_cases(args.cases or None) if "own" in args.suite else []
        factory = load_factory(args.target) if args.target else chat_target
    except (CaseError, ValueError, ImportError, AttributeError) as exc:
        print(f"eval: {exc}", file=sys.stderr)
        return 2
    from evals.baseline import baseline_target
    from evals.report import BASELINE, PRODUCT
    systems = {PRODUCT: factory, BASELINE: baseline_target}
    sections, metrics, dumps = [], [], {}
    for name in args.suite:
        started = time.perf_counter()
        text, gated, dump = _SUITES[name](args, systems, cases)
        sections.append(f"{text}\n\n({name}: {time.perf_counter() - started:.0f} s)")
        metrics += gated
        dumps[name] = dump
    report = "\n\n".join(sections)
    print(report)
    if args.markdown:
        args.markdown.write_text(report + "\n")
    if args.json:
        args.json.write_text(json.dumps(dumps, indent=2, ensure_ascii=False))
    missed = [m.name for m in metrics if not m.ok]
    if missed:
        print(f"\nthresholds missed: {', '.join(missed)}", file=sys.stderr)
    return 1 if missed else 0


def _own(args, systems, cases):
    names = list(systems)
    results = {name: run(cases, factory, k=args.k) for name, factory in systems.items()}
    metrics = summarise(results[names[0]])
    # retrieval_recall measures the product's retriever whatever answered, so it is not shown beside
    beside = {name: [m for m in summarise(results[name], {}) if m.name != "retrieval_recall"]
              for name in names[1:]}
    text = ("### Own collections (evals/cases)\n\n" + table(metrics, beside) + "\n\n"
            + _failures(results[names[0]]))
    return text, metrics, [_as_json(r) for r in results[names[0]]]


def _dev(args, systems, cases):
    from evals.pool import DEV
    return _pool(systems, (DEV,), "dev", "Development pool (evals/dev, its own pass rule)")


def _heldout(args, systems, cases):
    from evals.pool import HELDOUT_ROOTS
    return _pool(systems, HELDOUT_ROOTS, "heldout", "Held-out collections (evals/heldout, "
                 "evals/heldout2 to evals/heldout4; written without reading the product)")


def _pool(systems, roots, prefix: str, title: str):
    from evals.pool import load_pool, run_pool
    from evals.report import PRODUCT, pool_failures, pool_metrics, pool_table
    results = run_pool([c for root in roots for c in load_pool(root)], systems)
    metrics = pool_metrics(results, load_thresholds(), prefix)
    text = (f"### {title}\n\n" + pool_table(results, list(systems))
            + "\n\n" + table(metrics) + "\n\n" + pool_failures(results, PRODUCT))
    return text, metrics, [{"id": r.case.id, "collection": r.case.collection, "system": r.system,
                            "passed": r.passed, "kind": r.kind, "reasons": list(r.reasons),
                            "answer": r.answer} for r in results]


def _ramdocs(args, systems, cases):
    from evals.ramdocs import load_ramdocs, run_ramdocs
    from evals.report import ramdocs_metrics, ramdocs_table
    questions = load_ramdocs(full=args.full)
    results = run_ramdocs(questions, systems)
    metrics = ramdocs_metrics(results, load_thresholds())
    label = "all" if args.full else "fixed sample of"
    text = (f"### RAMDocs ({label} {len(questions)} questions, one store each)\n\n"
            + ramdocs_table(results, list(systems)) + "\n\n" + table(metrics))
    return text, metrics, [{"number": r.question.number, "system": r.system, "exact": r.exact,
                            "gold_recall": r.gold_recall, "abstained": r.abstained,
                            "error": r.error, "answer": r.answer} for r in results]


_SUITES = {"own": _own, "dev": _dev, "heldout": _heldout, "ramdocs": _ramdocs}


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
