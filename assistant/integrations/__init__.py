"""Corroborate inside other frameworks, one module each (e.g. :mod:`.llama_index`).

Nothing is imported here: a framework is needed only by whoever imports its module.
"""
