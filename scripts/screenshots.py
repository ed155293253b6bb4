"""Take the README's screenshots: the app on a fresh store, in headless Chromium.

    python scripts/screenshots.py --question "..." [--question "..."] [--corpus DIR] [--out docs]

Starts ``app.py`` on a temporary store (which ingests the corpus), asks the questions in one
chat, clicks the first citation of the last answer, and saves ``screenshot-chat.png`` and
``screenshot-timeline.png``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.browser import chromium  # noqa: E402
from tests.support.servers import free_port, wait_until_up  # noqa: E402


def drive(url: str, questions: list[str], out: Path) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    driver = chromium(1500, 1250)
    wait = WebDriverWait(driver, 120)
    try:
        driver.get(url)
        for turn, question in enumerate(questions, start=1):
            box = wait.until(ec.element_to_be_clickable((By.CSS_SELECTOR, "#cb-question textarea")))
            box.send_keys(question)
            driver.find_element(By.CSS_SELECTOR, "#cb-ask").click()
            marker = wait.until(ec.element_to_be_clickable(
                (By.CSS_SELECTOR, f'#cb-chat a.cb-cite[href^="#cb-{turn}-"]')))
        marker.click()
        time.sleep(1.5)
        driver.save_screenshot(str(out / "screenshot-chat.png"))
        driver.find_element(By.XPATH, "//button[@role='tab' and contains(., 'Timeline')]").click()
        wait.until(ec.visibility_of_element_located((By.CSS_SELECTOR, "#cb-timeline .point")))
        points = driver.find_elements(By.CSS_SELECTOR, "#cb-timeline .scatterlayer .point")
        marked = [p for p in points if p.value_of_css_property("fill") == "rgb(209, 73, 91)"]
        ActionChains(driver).move_to_element((marked or points)[-1]).perform()
        time.sleep(1)
        driver.save_screenshot(str(out / "screenshot-timeline.png"))
    finally:
        driver.quit()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--question", action="append", required=True)
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    args = parser.parse_args()
    store, port = Path(tempfile.mkdtemp(prefix="corroborate-shots-")), free_port()
    env = {**os.environ, "CORROBORATE_STORE": str(store / "store"), "HF_HUB_OFFLINE": "1"}
    command = [sys.executable, "app.py", "--port", str(port)]
    command += ["--corpus", str(args.corpus)] if args.corpus else []
    log = store / "app.log"
    with log.open("w") as sink:
        app = subprocess.Popen(command, cwd=ROOT, env=env, stdout=sink, stderr=subprocess.STDOUT)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/", app, log=log)
        drive(f"http://127.0.0.1:{port}/", args.question, args.out)
    finally:
        app.terminate()
        app.wait(timeout=30)
    print(f"saved {args.out / 'screenshot-chat.png'} and {args.out / 'screenshot-timeline.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
