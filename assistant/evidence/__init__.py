"""Evidence: which stored sentences a question can rest on, judged by meaning, not spelling.

:mod:`assistant.evidence.terms` reads what a question is about from its parse (content words
with their lemmas and weights); :mod:`assistant.evidence.relevance` scores how much of that a
sentence supports (same lemma, or a word the embedding model puts close); and
:mod:`assistant.evidence.quotes` answers from the best-supported sentences, or abstains.
:mod:`assistant.evidence.said` answers "what did <someone> say?" from the sentences whose
reporting verb has that person for subject, by name or by the description the reports give them.
"""
