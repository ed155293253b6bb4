"""The contract every LanguageModel keeps (see assistant/llm.py).

``LanguageModelContract`` holds for any working model, scripted or real: subclass it and provide a
``model`` fixture. ``ScriptedContract`` adds what can be checked when the replies are scripted:
subclass it and provide ``make``, a fixture returning ``make(*replies) -> (model, sent)`` where a
reply is a string or :data:`FAILURE`, and ``sent()`` lists the messages of each call received.
"""

from __future__ import annotations

import pytest

from assistant.llm import LanguageModel, LanguageModelError, Message

FAILURE = object()  # a reply slot that must fail (the fake raises, the real server answers 500)

QUESTION = (Message("system", "Answer in one short sentence."),
            Message("user", "Which colour do you get by mixing blue and yellow?"))


class LanguageModelContract:
    def test_is_a_language_model_with_a_name(self, model):
        assert isinstance(model, LanguageModel)
        assert isinstance(model.name, str) and model.name

    def test_complete_returns_non_empty_text(self, model):
        reply = model.complete(QUESTION)
        assert isinstance(reply, str) and reply.strip()

    def test_the_stream_joins_to_the_whole_reply(self, model):
        whole = model.complete(QUESTION)
        pieces = list(model.stream(QUESTION))
        assert all(isinstance(p, str) for p in pieces)
        assert "".join(pieces) == whole


class ScriptedContract(LanguageModelContract):
    @pytest.fixture
    def model(self, make):
        return make("Mixing them gives green.")[0]

    def test_the_scripted_text_comes_back_exactly(self, make):
        model, _ = make("Green, usually [1].")
        assert model.complete(QUESTION) == "Green, usually [1]."

    def test_a_reply_of_several_words_streams_in_several_pieces(self, make):
        model, _ = make("One two three four.")
        assert len([p for p in model.stream(QUESTION) if p]) > 1

    def test_the_messages_arrive_in_order_with_their_roles(self, make):
        model, sent = make("ok")
        model.complete(QUESTION)
        assert sent() == [list(QUESTION)]

    def test_replies_are_given_in_turn(self, make):
        model, _ = make("first", "second")
        assert [model.complete(QUESTION) for _ in range(3)] == ["first", "second", "second"]

    @pytest.mark.parametrize("reply", [FAILURE, "", "  \n"], ids=["failure", "empty", "blank"])
    def test_a_failure_or_an_empty_reply_raises_language_model_error(self, make, reply):
        model, _ = make(reply)
        with pytest.raises(LanguageModelError, match=model.name.split()[0]):
            model.complete(QUESTION)
        with pytest.raises(LanguageModelError):
            list(model.stream(QUESTION))

    def test_a_failure_does_not_spoil_the_next_request(self, make):
        model, _ = make(FAILURE, "recovered")
        with pytest.raises(LanguageModelError):
            model.complete(QUESTION)
        assert model.complete(QUESTION) == "recovered"
