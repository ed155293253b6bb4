"""The app in a real browser: first start on an empty store, a question, a citation clicked and
its sentence highlighted in its document, a hostile document shown as inert text, and no
request leaving the machine. Screenshots go to ``screenshot_dir()`` (printed at the end)."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from gradio_client import Client

from tests.conftest import ROOT
from tests.support.browser import chromium, require_browser, requested_hosts, screenshot_dir
from tests.support.servers import free_port, wait_until_up

pytestmark = pytest.mark.slow

HOSTILE = ("Harbour bridge reopens\n\nThe harbour bridge reopened on Monday, the council said. "
           "The new bridge toll is <script>alert(1)</script> three dollars, <img src=x "
           "onerror=\"window.__pwned=1\"> the council said ${window.__pwned=2} {{value}}.\n")
LOOPBACK = {"127.0.0.1", "localhost"}


@pytest.fixture(scope="module")
def running_app(tmp_path_factory):
    """``python app.py`` on an empty store, as a newcomer starts it."""
    require_browser()
    folder = tmp_path_factory.mktemp("app")
    port, log = free_port(), folder / "app.log"
    env = {**os.environ, "CORROBORATE_STORE": str(folder / "store"), "HF_HUB_OFFLINE": "1"}
    with log.open("w") as out:
        process = subprocess.Popen([sys.executable, "app.py", "--port", str(port)], cwd=ROOT,
                                   env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_until_up(url, process, log=log)
        yield url, folder, log
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture(scope="module")
def browser(running_app):
    driver = chromium(1500, 1300)
    yield driver
    driver.quit()
    print(f"\nbrowser screenshots: {screenshot_dir()}")


def wait_for(driver, css: str, timeout: float = 60, visible: bool = True):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    condition = ec.visibility_of_element_located if visible else ec.presence_of_element_located
    return WebDriverWait(driver, timeout).until(condition((By.CSS_SELECTOR, css)))


def open_tab(driver, name: str) -> None:
    from selenium.webdriver.common.by import By

    driver.find_element(By.XPATH, f"//button[@role='tab' and contains(., '{name}')]").click()


def ask(driver, question: str, turn: int):
    """Type a question, press Ask, and return the first marker link of the answer."""
    box = wait_for(driver, "#cb-question textarea")
    box.clear()
    box.send_keys(question)
    driver.find_element("css selector", "#cb-ask").click()
    return wait_for(driver, f'#cb-chat a.cb-cite[href^="#cb-{turn}-"]')


def test_first_start_ingests_the_bundled_corpus_with_progress(running_app):
    _, _, log = running_app
    text = log.read_text()
    assert "empty store" in text and "added 5" in text


def test_clicking_a_citation_shows_its_sentence_highlighted_in_its_document(running_app,
                                                                          browser):
    url, _, _ = running_app
    browser.get(url)
    question = "How long was the recording?"
    marker = ask(browser, question, turn=1)
    expected = Client(url, verbose=False).predict(question, api_name="/ask")[-1]
    assert expected["disagreements"], "the screenshot should show a disagreement"
    n = int(marker.text.strip("[]"))
    marker.click()
    active = wait_for(browser, "#cb-evidence .cb-doc:not([hidden]) .cb-s.cb-active")
    cited = next(c for c in expected["citations"] if c["n"] == n)
    assert " ".join(active.text.split()) == " ".join(cited["text"].split())
    from selenium.webdriver.support.ui import WebDriverWait
    WebDriverWait(browser, 10).until(lambda d: d.execute_script(  # scrolled into the panel's view
        "const r = arguments[0].getBoundingClientRect();"
        "const p = document.querySelector('#cb-evidence-root').getBoundingClientRect();"
        "return r.top >= p.top && r.bottom <= p.bottom;", active))
    cards = browser.find_elements("css selector", "#cb-disagreements .cb-card")
    assert len(cards) == len(expected["disagreements"][0]["positions"])
    browser.save_screenshot(str(screenshot_dir() / "chat-citation.png"))


def test_the_timeline_plots_every_dated_event_and_marks_the_answers(running_app, browser):
    url, _, _ = running_app
    open_tab(browser, "Timeline")
    wait_for(browser, "#cb-timeline .scatterlayer .point")
    points = browser.find_elements("css selector", "#cb-timeline .scatterlayer .trace .point")
    title = browser.find_element("css selector", "#cb-timeline .gtitle").text
    assert title.startswith(f"{len(points)} dated events") and len(points) >= 3
    fills = [p.value_of_css_property("fill") for p in points]
    marked = fills.count("rgb(209, 73, 91)")  # chart.MARKED: events of the last answer
    assert 1 <= marked < len(points) and "in the current answer" in title
    browser.save_screenshot(str(screenshot_dir() / "timeline.png"))
    open_tab(browser, "Chat")


def test_a_hostile_document_is_shown_as_text_and_runs_nothing(running_app, browser):
    url, folder, _ = running_app
    path = folder / "harbour.txt"
    path.write_text(HOSTILE, encoding="utf-8")
    open_tab(browser, "Documents")
    wait_for(browser, "#cb-upload input[type=file]", visible=False).send_keys(str(path))
    time.sleep(1)
    browser.find_element("css selector", "#cb-add").click()
    status = wait_for(browser, "#cb-doc-status p")
    assert status.text.startswith("Added 1"), status.text
    open_tab(browser, "Chat")
    ask(browser, "How much is the new bridge toll?", turn=2).click()
    shown = wait_for(browser, "#cb-evidence .cb-doc:not([hidden]) .cb-doc-text").text
    assert "<script>alert(1)</script>" in shown and 'onerror="window.__pwned=1"' in shown
    assert "${window.__pwned=2} {{value}}" in shown
    assert browser.execute_script("return window.__pwned") is None
    assert browser.execute_script(
        "return document.querySelectorAll('#cb-evidence script, #cb-evidence img,"
        " #cb-chat .message script, #cb-chat .message img').length") == 0
    from selenium.common.exceptions import NoAlertPresentException
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text
    browser.save_screenshot(str(screenshot_dir() / "hostile-document.png"))


def test_the_page_sends_no_request_off_this_machine(running_app, browser):
    hosts = requested_hosts(browser)
    assert hosts and hosts <= LOOPBACK, hosts - LOOPBACK
