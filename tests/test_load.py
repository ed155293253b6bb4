"""A short run of the load test (benchmarks/load.py): concurrent sessions against the running
app while uploads ingest, with no errors and no follow-up answered from another session."""

from __future__ import annotations

import pytest

from benchmarks import load

pytestmark = pytest.mark.slow


def test_concurrent_sessions_during_an_upload_keep_their_own_histories(capsys):
    status = load.main(["--sessions", "6", "--seconds", "15", "--copies", "2"])
    printed = capsys.readouterr().out
    assert status == 0, printed
    first = printed.splitlines()[0]
    assert "errors 0" in first and "another session's history 0" in first
    assert "chat requests 0," not in first and "meanwhile 0" not in first
