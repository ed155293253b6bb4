"""A real headless Chromium (Debian's ``chromium`` + ``chromium-driver``) driven by selenium.

No browser download ever happens: the system binaries are named explicitly, so selenium's own
driver manager is never asked. ``CORROBORATE_REQUIRE_BROWSER=1`` (set by CI) turns a missing
browser into a failure instead of a skip.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlparse

import pytest

CHROMIUM = os.environ.get("CORROBORATE_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CORROBORATE_CHROMEDRIVER", "/usr/bin/chromedriver")
# Without the networking flags Chromium phones Google at start, which a closed network refuses.
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage"]


def require_browser() -> None:
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not shutil.which(p)]
    if not missing:
        return
    message = (f"{', '.join(missing)} not found; install Debian's chromium and chromium-driver "
               "(apt-get install chromium chromium-driver)")
    if os.environ.get("CORROBORATE_REQUIRE_BROWSER") == "1":
        pytest.fail(message)
    pytest.skip(message)


def chromium(width: int = 1400, height: int = 1000):
    """A fresh headless Chromium with an empty profile that records network requests."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in [*FLAGS, f"--window-size={width},{height}",
                 f"--user-data-dir={tempfile.mkdtemp(prefix='corroborate-chromium-')}"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


def requested_hosts(driver) -> set[str]:
    """Hosts of every request the page has sent since the last call (from the browser log)."""
    hosts = set()
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            url = urlparse(message["params"]["request"]["url"])
            if url.scheme in ("http", "https", "ws", "wss"):
                hosts.add(url.hostname or "")
    return hosts


def screenshot_dir() -> Path:
    """Where browser tests save screenshots: ``$CORROBORATE_SCREENSHOTS`` or
    ``test-artifacts/browser`` under the repository."""
    default = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
    folder = Path(os.environ.get("CORROBORATE_SCREENSHOTS", default))
    folder.mkdir(parents=True, exist_ok=True)
    return folder
