"""Eval cases: the schema (pydantic, at the file edge) and the loader.

A case file (``evals/cases/*.yaml``) names a corpus folder under ``evals/corpus`` and lists
cases. Each case: earlier ``turns`` of the same chat (optional), a ``question``, gold
``answers`` (any one alias present in the answer counts as correct), gold ``support``
sentences (their exact text), the expected ``disagreement`` (kind and positions, or none),
and whether the right response is to ``abstain``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

ROOT = Path(__file__).resolve().parent


class ExpectedDisagreement(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: Literal["conflict", "different_events", "update"]
    positions: list[str] = Field(min_length=2)


class CaseModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    question: str = Field(min_length=1)
    turns: list[str] = []
    answers: list[str] = []
    support: list[str] = []
    disagreement: ExpectedDisagreement | None = None
    abstain: bool = False
    tags: list[str] = []

    @model_validator(mode="after")
    def _consistent(self) -> "CaseModel":
        if self.abstain and (self.answers or self.disagreement):
            raise ValueError("an abstention case has no gold answers or disagreement")
        if not self.abstain and not self.answers:
            raise ValueError("give at least one gold answer (or set abstain: true)")
        return self


class CaseFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    corpus: str
    cases: list[CaseModel] = Field(min_length=1)


@dataclass(frozen=True)
class Case:
    """One eval case, with the corpus folder it runs against."""

    id: str
    corpus: Path
    question: str
    turns: tuple[str, ...]
    answers: tuple[str, ...]
    support: tuple[str, ...]
    disagreement: ExpectedDisagreement | None
    abstain: bool
    tags: tuple[str, ...]


class CaseError(ValueError):
    """A case file that does not follow the schema; the message names the file and field."""


def load_cases(paths: list[Path] | None = None) -> list[Case]:
    """Cases from the given files (default: every ``evals/cases/*.yaml``), in file order."""
    files = paths or sorted((ROOT / "cases").glob("*.yaml"))
    cases: list[Case] = []
    for path in files:
        cases += _load(Path(path))
    ids = [c.id for c in cases]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise CaseError(f"duplicate case ids: {', '.join(duplicates)}")
    return cases


def _load(path: Path) -> list[Case]:
    try:
        parsed = CaseFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError) as exc:
        raise CaseError(f"{path}: cannot read it as YAML ({exc})") from exc
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise CaseError(f"{path}: {where}: {first['msg']}") from exc
    corpus = ROOT / "corpus" / parsed.corpus
    if not corpus.is_dir():
        raise CaseError(f"{path}: corpus: no folder {corpus}")
    return [Case(c.id, corpus, c.question, tuple(c.turns), tuple(c.answers), tuple(c.support),
                 c.disagreement, c.abstain, tuple(c.tags)) for c in parsed.cases]
