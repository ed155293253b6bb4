"""Question analysis: the names a question gives, which a follow-up's pronoun may stand for."""

from __future__ import annotations

import pytest

from assistant.query import question_entities


@pytest.mark.parametrize("question,names", [
    ("Where did Acme Motors recall cars in June?", ("Acme Motors",)),
    # a month or weekday dates the named thing's event; a follow-up that borrows the name must
    # not look for the month in every sentence
    ("What orbit did Corvanta's March 2025 launch reach?", ("Corvanta's",)),
    ("What did the mayor tell Tuesday's meeting?", ()),
    ("What happened on Monday?", ()),
    ("Who did Mary Ellis meet in May?", ("Mary Ellis",)),
    ("What did Theresa May say on Friday?", ("Theresa May",)),
])
def test_the_names_a_question_gives(question, names):
    assert question_entities(question) == names
