"""Tables and failure lists for the development pool and RAMDocs, the product beside the baseline.

Every figure is computed from results here and printed; nothing is typed in by hand.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from evals.metrics import Metric
from evals.pool import PoolResult
from evals.ramdocs import RamResult

PRODUCT = "product"
BASELINE = "baseline (dense top-3 quotes)"


def _cell(passed: int, total: int) -> str:
    return f"{passed}/{total} ({passed / total:.0%})" if total else "-"


def pool_rows(results: Sequence[PoolResult], systems: Sequence[str]) -> dict[str, dict[str, tuple[int, int]]]:
    """row name → system → (passed, total): one row per collection, then the pool's totals."""
    rows: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for r in results:
        for row in (r.case.collection, "all cases",
                    "previous-instance cases" if r.case.previous_instance else "other cases"):
            rows[row][r.system][0] += r.passed
            rows[row][r.system][1] += 1
    order = sorted(k for k in rows if k not in _TOTALS) + [k for k in _TOTALS if k in rows]
    return {k: {s: tuple(rows[k][s]) for s in systems} for k in order}


_TOTALS = ("other cases", "previous-instance cases", "all cases")


def pool_table(results: Sequence[PoolResult], systems: Sequence[str]) -> str:
    lines = ["| collection | " + " | ".join(systems) + " |",
             "|---|" + "---:|" * len(systems)]
    for row, cells in pool_rows(results, systems).items():
        name = f"**{row}**" if row in _TOTALS else row
        lines.append(f"| {name} | " + " | ".join(_cell(*cells[s]) for s in systems) + " |")
    lines += [f"| {name} | " + " | ".join(_share(*f(r for r in results if r.system == s))
                                         for s in systems) + " |"
              for name, f in (("abstention precision", _abstention_precision),
                              ("abstention recall", _abstention_recall))]
    kinds = [Counter(r.kind for r in results if r.system == s and not r.passed) for s in systems]
    for kind in sorted(set().union(*kinds)):
        lines.append(f"| failures: {kind} | " + " | ".join(str(k[kind]) for k in kinds) + " |")
    return "\n".join(lines)


def _abstained(result: PoolResult) -> bool:
    return bool((result.answer or {}).get("abstained"))


def _abstention_precision(results) -> tuple[int, int]:
    """(abstentions on unanswerable cases, all abstentions)."""
    abstained = [r for r in results if _abstained(r)]
    return sum(r.case.expect.get("abstain", False) for r in abstained), len(abstained)


def _abstention_recall(results) -> tuple[int, int]:
    """(unanswerable cases abstained on, unanswerable cases)."""
    should = [r for r in results if r.case.expect.get("abstain")]
    return sum(_abstained(r) for r in should), len(should)


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({part / whole:.2f})" if whole else "-"


def ramdocs_table(results: Sequence[RamResult], systems: Sequence[str]) -> str:
    lines = ["| RAMDocs | " + " | ".join(systems) + " |", "|---|" + "---:|" * len(systems)]
    by = {s: [r for r in results if r.system == s] for s in systems}
    n = {s: len(by[s]) or 1 for s in systems}
    rows = [("questions", lambda s: str(len(by[s]))),
            ("exact match (EM, %)", lambda s: f"{100 * sum(r.exact for r in by[s]) / n[s]:.1f}"),
            ("gold recall (text or citations)", lambda s: f"{sum(r.gold_recall for r in by[s]) / n[s]:.3f}"),
            ("abstention rate", lambda s: f"{sum(r.abstained for r in by[s]) / n[s]:.3f}"),
            ("crashed", lambda s: str(sum(r.error is not None for r in by[s])))]
    lines += [f"| {name} | " + " | ".join(f(s) for s in systems) + " |" for name, f in rows]
    return "\n".join(lines)


def pool_failures(results: Sequence[PoolResult], system: str = PRODUCT, lines: int = 4) -> str:
    """The system's failing cases grouped by kind, each with its question and first answer lines."""
    failing = [r for r in results if r.system == system and not r.passed]
    out = [f"{len(failing)} cases fail ({system})."]
    for kind in sorted({r.kind for r in failing}):
        group = [r for r in failing if r.kind == kind]
        out.append(f"\n#### {kind} ({len(group)})")
        for r in group:
            out += [f"\n- **{r.case.collection}/{r.case.id}**: {r.case.question}"
                    + (f" (after: {' / '.join(r.case.turns)})" if r.case.turns else ""),
                    *(f"  - {reason}" for reason in r.reasons), "  ```text",
                    *("  " + l for l in ((r.answer or {}).get("answer") or "").splitlines()[:lines]),
                    "  ```"]
    return "\n".join(out)


def pool_metrics(results: Sequence[PoolResult], thresholds: dict[str, float],
                 prefix: str = "dev") -> list[Metric]:
    """The product's pass rate over the pool and over its non-previous-instance cases, gated
    (``<prefix>_pass_rate`` and ``<prefix>_pass_rate_other``)."""
    mine = [r for r in results if r.system == PRODUCT]
    other = [r for r in mine if not r.case.previous_instance]
    return [Metric(name, sum(r.passed for r in rs) / len(rs) if rs else None, len(rs),
                   thresholds.get(name))
            for name, rs in ((f"{prefix}_pass_rate", mine), (f"{prefix}_pass_rate_other", other))]


def ramdocs_metrics(results: Sequence[RamResult], thresholds: dict[str, float]) -> list[Metric]:
    mine = [r for r in results if r.system == PRODUCT]
    value = sum(r.exact for r in mine) / len(mine) if mine else None
    return [Metric("ramdocs_exact_match", value, len(mine), thresholds.get("ramdocs_exact_match"))]
