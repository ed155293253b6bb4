"""Prompt templates, read from versioned files in ``prompts/`` (see prompts/README.md).

A template file ``NAME.vN.md`` holds a system part and a user part, each opened by a marker line
(``<!-- system -->``, ``<!-- user -->``), with ``$name`` placeholders. Loading fails with a
:class:`~index.errors.ConfigurationError` naming the file when it is missing or lacks a part;
rendering fails with one naming the placeholder when a value is missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from string import Template

from assistant.llm import Message
from index.errors import ConfigurationError

PROMPTS = Path(__file__).resolve().parents[1] / "prompts"
_PART = re.compile(r"^<!-- (system|user) -->\s*$", re.M)


@dataclass(frozen=True)
class Prompt:
    """One template version: its system and user parts, unfilled."""

    name: str
    version: int
    system: str
    user: str

    @property
    def fields(self) -> frozenset[str]:
        """The placeholders the template uses."""
        found = Template(self.system).get_identifiers() + Template(self.user).get_identifiers()
        return frozenset(found)

    def render(self, **values: str) -> tuple[Message, Message]:
        """The system and user messages with every placeholder filled in."""
        missing = sorted(self.fields - values.keys())
        if missing:
            raise ConfigurationError(f"prompt {self.name}.v{self.version} needs "
                                     f"{', '.join(missing)}")
        return (Message("system", _filled(self.system, values)),
                Message("user", _filled(self.user, values)))


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
    parts = _PART.split(text)
    # split gives [before, "system", body, "user", body]: exactly one of each, in that order
    if parts[1::2] != ["system", "user"]:
        raise ConfigurationError(f"prompt template {path} needs a '<!-- system -->' and then a "
                                 "'<!-- user -->' line")
    return Prompt(name, version, parts[2].strip() + "\n", parts[4].strip() + "\n")
