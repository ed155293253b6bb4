"""The loopback OpenAI-compatible test server lives in :mod:`evals.local_server` (the eval serves
the local model behind it too); tests import it from here."""

from evals.local_server import OpenAIServer, Recorded, Reply, Respond, scripted  # noqa: F401
