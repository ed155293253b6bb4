"""Prompt templates, read from versioned files in ``prompts/`` (see prompts/README.md).

A template file ``NAME.vN.md`` is a conversation: parts opened by marker lines
(``<!-- system -->``, ``<!-- user -->``, ``<!-- assistant -->``), a system part first and a user
part last (example exchanges may stand between), with ``$name`` placeholders. Loading fails with
a :class:`~index.errors.ConfigurationError` naming the file when it is missing or malformed;
rendering fails with one naming the placeholder when a value is missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from string import Template

from assistant.llm import Message
from index.errors import ConfigurationError

# The package ``prompts`` (the top-level prompts/ folder), found where it is installed.
PROMPTS = Path(str(resources.files("prompts")))
_PART = re.compile(r"^<!-- (system|user|assistant) -->[ \t]*$", re.M)


@dataclass(frozen=True)
class Prompt:
    """One template version: its messages, unfilled, as ``(role, text)`` pairs."""

    name: str
    version: int
    parts: tuple[tuple[str, str], ...]

    @property
    def fields(self) -> frozenset[str]:
        """The placeholders the template uses."""
        return frozenset(name for _, text in self.parts
                         for name in Template(text).get_identifiers())

    def render(self, **values: str) -> tuple[Message, ...]:
        """The messages with every placeholder filled in."""
        missing = sorted(self.fields - values.keys())
        if missing:
            raise ConfigurationError(f"prompt {self.name}.v{self.version} needs "
                                     f"{', '.join(missing)}")
        return tuple(Message(role, _filled(text, values)) for role, text in self.parts)


def _filled(template: str, values: dict[str, str]) -> str:
    # An empty value must not leave a gap of blank lines the model might read as meaningful.
    return re.sub(r"\n{3,}", "\n\n", Template(template).substitute(values)).strip()


def load_prompt(name: str, version: int, folder: Path = PROMPTS) -> Prompt:
    """The template ``folder/NAME.vVERSION.md``."""
    path = folder / f"{name}.v{version}.md"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigurationError(f"prompt template {path} cannot be read ({exc.strerror})") from exc
    pieces = _PART.split(text)  # [before, role, text, role, text, …]
    parts = tuple(zip(pieces[1::2], (p.strip() for p in pieces[2::2])))
    if not parts or parts[0][0] != "system" or parts[-1][0] != "user" or pieces[0].strip():
        raise ConfigurationError(f"prompt template {path} must start with a '<!-- system -->' "
                                 "line and end with a '<!-- user -->' part")
    return Prompt(name, version, parts)
