"""The only word lists of the read path's language layer, and all of them are English grammar.

Why these are not domain lists: each names a closed class of English function words (the
question words, and the verbs that only frame a request), which no collection of reports
extends. What a question is *about* always comes from the trained pipeline (parts of speech,
lemmas, entities), never from a list.
"""

from __future__ import annotations

# Interrogative words: they say what kind of answer is wanted, not what it is about.
WH_WORDS = frozenset("what which who whom whose when where why how".split())

# Verbs that frame a request to the reader rather than describe the asked event
# ("tell me about …", "what do we know of …"): a report need not contain them.
FRAMING_VERBS = frozenset("tell know describe explain happen".split())

# Nouns that make a question word ask for a time ("what year", "which day"): the calendar's
# units, a closed set in any language.
TIME_NOUNS = frozenset("time date day year month week hour".split())

# Words that place one event before another ("the *previous* recall", "four months *after* a
# jury convicted him", "the recall *follows* one announced in May"): English's closed set of
# temporal-order adjectives, adverbs, prepositions and the verbs of sequence. They relate two
# instances; they never name what an instance is.
ANTERIOR = frozenset("previous earlier prior before preceding last ago after since follow "
                     "former precede".split())

# The verbs that report speech ("what did the mayor *say*?", "she *told* reporters"): English's
# core reporting verbs. They mark whose words a sentence quotes; they never name a topic.
REPORTING = frozenset("say tell add state".split())

# English ordinal numerals ("the *third* hearing", "its *fourth* launch"): a closed class of
# number words, like the question words above. They place an instance in its series; what the
# series is (the noun they qualify) always comes from the parse. Digit forms ("3rd") are read
# from their digits.
ORDINAL_WORDS = {word: n for n, word in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth "
    "twentieth".split(), start=1)}

# The adjectives of ANTERIOR that qualify a noun as the instance before ("the *previous*
# hearing", "its *last* launch", "the *prior* audit"): English's closed set of attributive
# order adjectives ("earlier" parses with the lemma "early"). Not "former": "the former chief"
# held a post, she was no instance.
ANTERIOR_ADJECTIVES = frozenset("previous prior preceding last earlier early".split())
