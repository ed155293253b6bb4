"""Timelines of a development collection alone and of one store holding several collections.

    python scripts/timelines.py [--collection NAME] [--mixed NAME,NAME,...] [--out docs]

(defaults: ``product_recall``; ``seeds,product_recall,space_launches``, the collections of
``tests/test_mixed_store.py``)

Copies the collections' reports into a temporary folder (one subfolder per collection, so the
mixed store shows each report as ``collection/file``), ingests them with the real CLI into two
fresh stores (the collection alone, and all of ``--mixed``), and for each store saves what
``corroborate timeline`` prints (``timeline-<collection>.txt``, ``timeline-mixed.txt``) and the
Timeline tab of ``app.py`` in headless Chromium (``screenshot-timeline-<collection>.png``,
``screenshot-timeline-mixed.png``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.browser import chromium  # noqa: E402
from tests.support.servers import free_port, wait_until_up  # noqa: E402

SEEDS = ROOT / "evals" / "corpus" / "seeds"
DEV = ROOT / "evals" / "dev"
REPORTS = (".txt", ".md", ".markdown", ".html", ".htm")  # a dev folder also holds cases.json


def folder_of(name: str) -> Path:
    return SEEDS if name == "seeds" else DEV / name


def stage(names: list[str], into: Path) -> Path:
    """``into/<name>/<report>`` for each collection; returns ``into``."""
    for name in names:
        (into / name).mkdir(parents=True)
        for report in sorted(folder_of(name).iterdir()):
            if report.suffix in REPORTS:
                shutil.copyfile(report, into / name / report.name)
    return into


def corroborate(*args: str, env: dict) -> str:
    done = subprocess.run([sys.executable, "-m", "assistant.cli", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=True)
    return done.stdout


def shoot(store: Path, out: Path, env: dict) -> None:
    """The Timeline tab of the app over ``store`` (already ingested), saved to ``out``."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    port = free_port()
    log = store.parent / f"{store.name}-app.log"
    with log.open("w") as sink:
        app = subprocess.Popen([sys.executable, "app.py", "--port", str(port), "--store",
                                str(store)], cwd=ROOT, env=env, stdout=sink,
                               stderr=subprocess.STDOUT)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/", app, log=log)
        driver = chromium(1500, 1500)
        try:
            driver.get(f"http://127.0.0.1:{port}/")
            wait = WebDriverWait(driver, 120)
            wait.until(ec.element_to_be_clickable(
                (By.XPATH, "//button[@role='tab' and contains(., 'Timeline')]"))).click()
            wait.until(ec.visibility_of_element_located((By.CSS_SELECTOR, "#cb-timeline .point")))
            time.sleep(1.5)
            driver.save_screenshot(str(out))
        finally:
            driver.quit()
    finally:
        app.terminate()
        app.wait(timeout=30)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--collection", default="product_recall",
                        help="a development collection (a folder of evals/dev)")
    parser.add_argument("--mixed", default="seeds,product_recall,space_launches",
                        help="comma-separated collections for the mixed store (seeds: the "
                             "bundled sample corpus)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    args = parser.parse_args()
    mixed = [n.strip() for n in args.mixed.split(",") if n.strip()]
    work = Path(tempfile.mkdtemp(prefix="corroborate-timelines-"))
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    env.pop("CORROBORATE_CHROMA_URL", None)
    saved = []
    for name, corpus in [(args.collection, stage([args.collection], work / "one")),
                         ("mixed", stage(mixed, work / "mixed"))]:
        store = work / f"store-{name}"
        # The collection alone is ingested from its own folder, so it shows bare file names.
        source = corpus / args.collection if name != "mixed" else corpus
        corroborate("ingest", str(source), "--store", str(store), env=env)
        text = args.out / f"timeline-{name}.txt"
        text.write_text(corroborate("timeline", "--store", str(store), env=env), "utf-8")
        picture = args.out / f"screenshot-timeline-{name}.png"
        shoot(store, picture, env)
        saved += [text, picture]
    shutil.rmtree(work, ignore_errors=True)
    print("saved " + ", ".join(str(p) for p in saved))
    return 0


if __name__ == "__main__":
    sys.exit(main())
