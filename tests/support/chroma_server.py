"""A real Chroma server (``chroma run`` from the chromadb package) on a loopback port."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.support.servers import free_port


class ChromaServer:
    """``start()`` runs ``chroma run --path DIR --port PORT``; ``stop()`` kills it (as a crash
    would); starting again serves the same data on the same port."""

    def __init__(self, path: Path, port: int | None = None) -> None:
        self.path, self.port = path, port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = path.parent / f"chroma-{self.port}.log"
        self._process: subprocess.Popen | None = None

    def start(self, timeout: float = 60) -> "ChromaServer":
        chroma = shutil.which("chroma", path=str(Path(sys.executable).parent)) or "chroma"
        with self.log.open("a") as sink:
            self._process = subprocess.Popen(
                [chroma, "run", "--path", str(self.path), "--host", "127.0.0.1",
                 "--port", str(self.port)], stdout=sink, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise AssertionError(f"chroma run exited:\n{self.log.read_text()[-2000:]}")
            try:
                urllib.request.urlopen(f"{self.url}/api/v2/heartbeat", timeout=2)
                return self
            except OSError:
                time.sleep(0.2)
        raise AssertionError(f"chroma run did not answer on {self.url}")

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.wait(timeout=30)
