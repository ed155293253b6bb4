"""The prompt templates (``NAME.vN.md`` beside this file), shipped as package data.

Nothing to import: :func:`assistant.prompts.load_prompt` reads the files through
:mod:`importlib.resources`, so they are found in a repository checkout and in an installed wheel
alike.
"""
