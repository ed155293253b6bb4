"""Deliberately broken answering targets, importable by path for the eval runner's tests."""

from __future__ import annotations

from dataclasses import replace

from evals.runner import chat_target


def next_sentence_target(assistant):
    """Cites the sentence after the right one: the answer text stays, the evidence is wrong."""
    answer = chat_target(assistant)

    def broken(turns, question):
        good = answer(turns, question)
        shifted = []
        for citation in good.citations:
            doc = assistant.store.sentences(citation.sentence.doc_id)
            after = [s for s in doc if s.index > citation.sentence.index and s.content]
            shifted.append(replace(citation, sentence=after[0]) if after else citation)
        return replace(good, citations=tuple(shifted))

    return broken


def crashing_target(assistant):
    answer = chat_target(assistant)

    def crashes(turns, question):
        if "bounty" in question:
            raise RuntimeError("boom")
        return answer(turns, question)

    return crashes


def echo_model_target(assistant):
    """The language-model composer with a scripted model that restates evidence [1] (supported)
    and adds a claim citing a sentence that does not exist: the verifier must drop the second."""
    from assistant import Assistant
    from assistant.llm import ScriptedModel
    from evals.runner import chat_target as plain

    class Echo(ScriptedModel):
        def _next(self, messages):
            first = messages[-1].content.split("\n[1] ", 1)[-1].split("\n", 1)[0]
            return f"{first.rstrip('.')} [1]. It was confirmed by everyone [99]."

    writer = Assistant(store=assistant.store, embedder=assistant.embedder, llm=Echo("unused"))
    return plain(writer)
