"""The extractive composer: an analysed question in, an answer that quotes and cites exact
sentences out.

No language model is involved. An answer is made of short sentences that state a value copied
from the cited sentences (a date, a duration, an amount, a name …) and of verbatim quotes, each
with ``[n]`` markers. Where sources give different values for what was asked, each value is a
position with its own citations and sources. Where nothing supports an answer of the wanted
kind about the asked things, the answer abstains and lists the closest sentences as related.

One concept a module; each imports only the ones listed after it:

- ``composer.py``: :class:`Composer`, the order of the step. The rules' answer first (the
  instance the question names or the conversation is about, typed values), then what the
  evidence layer (:mod:`assistant.evidence`) adds or puts in its place. It alone holds state:
  the event index of the current corpus.
- ``answers.py``: the answers as text and citations: one value, a disagreement, a list of
  values, quotes, an abstention; each with the closest uncited sentences as related.
- ``disagreements.py``: the kind of disagreement between value groups, and its positions.
- ``groups.py``: :class:`Group`, the sentences stating one value, and which rival groups may
  stand beside the best one.
- ``choice.py``: which value a sentence gives: the one in the clause holding the question's
  words. ``fits.py``: whether a value can answer the question at all. ``who_said.py``: the
  speaker, for "who said …?". ``positions.py``: where a sentence's words stand.
- ``scoring.py``: :class:`Scored`, each retrieved sentence's coverage of the question's focus.
- ``context.py``: :class:`Context`, what the conversation adds to a question.

What may change here: the rules and thresholds (``MIN_COVERAGE``, the margins in ``groups.py``),
each change measured with ``python -m evals`` and ``scripts/transcript.py --check``.

What must not: every value an answer states is copied from a sentence it cites, every quote is
verbatim, and every ``[n]`` marker is one of ``Answer.citations``; differing values are
positions side by side, never one picked silently; where nothing supports an answer it
abstains. No names or word lists of a collection (``tests/test_generality.py``), no import of
``evals`` or ``tests`` (``tests/test_import_graph.py``). The names below are the step's
interface (``assistant.chat`` and ``assistant.assistant`` use :class:`Composer` and
:class:`Context`); keep them importable from ``assistant.compose``.
"""

from assistant.compose.composer import ATTACHED_KINDS, QUANTITY_KINDS, Composer
from assistant.compose.context import Context
from assistant.compose.groups import (COVERAGE_MARGIN, MAX_QUOTES, POSITION_MARGIN,
                                      RIVAL_SUPPORT, Group)
from assistant.compose.scoring import MIN_COVERAGE, Scored

__all__ = ["ATTACHED_KINDS", "COVERAGE_MARGIN", "MAX_QUOTES", "MIN_COVERAGE", "POSITION_MARGIN",
           "QUANTITY_KINDS", "RIVAL_SUPPORT", "Composer", "Context", "Group", "Scored"]
