"""The local SmolLM2 model lives in :mod:`evals.local_model` (the eval uses it too); tests import
it from here."""

from evals.local_model import MODEL_NAME, load, model_file, respond, serve  # noqa: F401
