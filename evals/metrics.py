"""Aggregate metrics over case results, and the thresholds gate."""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from evals.runner import CaseResult

THRESHOLDS = Path(__file__).resolve().parent / "thresholds.toml"


@dataclass(frozen=True)
class Metric:
    name: str
    value: float | None
    count: int
    threshold: float | None = None
    lower_is_better: bool = False

    @property
    def ok(self) -> bool:
        if self.threshold is None or self.value is None:
            return True
        return self.value <= self.threshold if self.lower_is_better else self.value >= self.threshold


def _mean(values) -> tuple[float | None, int]:
    values = [v for v in values if v is not None]
    return (sum(values) / len(values) if values else None), len(values)


def _share(flags) -> tuple[float | None, int]:
    return _mean([1.0 if f else 0.0 for f in flags])


def summarise(results: Sequence[CaseResult], thresholds: dict[str, float] | None = None
              ) -> list[Metric]:
    """Every metric over ``results``; a crashed case counts as failed wherever it applies."""
    thresholds = thresholds if thresholds is not None else load_thresholds()
    ran = [r for r in results if r.error is None]
    answered = [r for r in ran if not r.abstained]
    expect_dis = [r for r in results if r.case.disagreement]
    no_dis = [r for r in ran if not r.case.disagreement]
    abstained = [r for r in ran if r.abstained]
    should = [r for r in results if r.case.abstain]
    rows = {
        "cases": (float(len(results)), len(results)),
        "crashed": _share(r.error is not None for r in results),
        "citation_validity": _share(r.citation_valid for r in ran),
        "faithfulness": _mean(r.faithfulness for r in answered),
        "citation_recall": _mean(r.citation_recall for r in answered),
        "citation_precision": _mean(r.citation_precision for r in answered),
        "answer_accuracy": _share(r.correct for r in results if not r.case.abstain),
        "retrieval_recall": _mean(r.support_recall for r in ran),
        "disagreement_recall": _share(r.disagreement == r.case.disagreement.kind for r in expect_dis),
        "false_disagreement_rate": _share(r.disagreement is not None for r in no_dis),
        "abstention_precision": _share(r.case.abstain for r in abstained),
        "abstention_recall": _share(r.abstained for r in should),
    }
    lower = {"crashed", "false_disagreement_rate"}
    return [Metric(name, value, count, thresholds.get(name), name in lower)
            for name, (value, count) in rows.items()]


def load_thresholds(path: Path = THRESHOLDS) -> dict[str, float]:
    """The gate: metric name → the value it must reach (``*_rate`` and crashed: at most)."""
    with open(path, "rb") as handle:
        return {k: float(v) for k, v in tomllib.load(handle).get("thresholds", {}).items()}


def table(metrics: Sequence[Metric], beside: dict[str, Sequence[Metric]] | None = None) -> str:
    """A Markdown table of the metrics with their thresholds and pass marks; ``beside`` adds a
    column per other system (e.g. the baseline), for comparison only (never gated)."""
    beside = beside or {}
    others = {name: {m.name: m for m in ms} for name, ms in beside.items()}
    head = "".join(f" {name} |" for name in others)
    lines = [f"| metric | value |{head} n | threshold | ok |",
             "|---|---:|" + "---:|" * len(others) + "---:|---:|:-:|"]
    for m in metrics:
        extra = "".join(f" {_value(o.get(m.name))} |" for o in others.values())
        bound = "" if m.threshold is None else ("≤ " if m.lower_is_better else "≥ ") + f"{m.threshold:.2f}"
        lines.append(f"| {m.name} | {_value(m)} |{extra} {m.count} | {bound} | {'✓' if m.ok else '✗'} |")
    return "\n".join(lines)


def _value(m: Metric | None) -> str:
    if m is None or m.value is None:
        return "-"
    return f"{m.value:.0f}" if m.name == "cases" else f"{m.value:.3f}"
