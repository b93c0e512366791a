"""The local web page end to end in a real browser: Debian's chromium driven by chromedriver (selenium).

The server runs in a thread on a free localhost port over a KB extracted from two seed documents. A screenshot of
each page is saved under pytest's tmp dir (and copied to $TDI_NLP_WEB_SCREENS when set, for a human to look at).
"""
from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
SEEDS = ("001_fe086644e29b4116.txt", "002_press_release.pdf")

if not (os.access(CHROMIUM, os.X_OK) and os.access(CHROMEDRIVER, os.X_OK)):
    pytest.skip(f"chromium or chromedriver absent ({CHROMIUM}, {CHROMEDRIVER}): "
                "apt-get install -y chromium chromium-driver", allow_module_level=True)
pytest.importorskip("selenium", reason="selenium is not installed (test extra)")
pytest.importorskip("flask", reason="flask is not installed (web extra)")

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402


@pytest.fixture(scope="module")
def base_url(tmp_path_factory, corpus_dir):
    from tdi_nlp.extraction import run
    from tdi_nlp.web import create_app
    kb_path = str(tmp_path_factory.mktemp("web_browser") / "kb.sqlite")
    run([str(corpus_dir / name) for name in SEEDS], kb_path, show_progress=False)
    server = make_server("127.0.0.1", 0, create_app(kb_path), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1366,1000"):
        options.add_argument(arg)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(120)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def shoot(browser, tmp_path_factory):
    folder = tmp_path_factory.mktemp("screens")
    copies = os.environ.get("TDI_NLP_WEB_SCREENS")

    def save(name: str) -> Path:
        height = browser.execute_script("return document.body.scrollHeight")
        browser.set_window_size(1366, min(max(height + 120, 700), 3000))
        path = folder / f"{name}.png"
        assert browser.save_screenshot(str(path)) and path.stat().st_size > 10_000
        if copies:
            Path(copies).mkdir(parents=True, exist_ok=True)
            shutil.copy(path, Path(copies) / path.name)
        browser.set_window_size(1366, 1000)
        return path
    return save


def _no_console_errors(browser):
    try:
        logs = browser.get_log("browser")
    except Exception:  # noqa: BLE001 - not every driver exposes logs
        return
    severe = [e for e in logs if e.get("level") == "SEVERE" and "favicon" not in e.get("message", "")]
    assert not severe, severe


def test_search_then_document(browser, base_url, shoot):
    browser.get(base_url + "/")
    box = browser.find_element(By.ID, "q")
    box.send_keys("territoires industrie")
    browser.find_element(By.ID, "search-button").click()
    WebDriverWait(browser, 20).until(EC.presence_of_element_located((By.ID, "results")))
    marks = browser.find_elements(By.CSS_SELECTOR, "#results .snippet mark")
    assert marks and marks[0].text.lower() in ("territoires", "industrie")
    links = browser.find_elements(By.CSS_SELECTOR, "#results a.doc-link")
    assert {a.text for a in links} >= set(SEEDS)
    _no_console_errors(browser)
    shoot("search")

    next(a for a in links if a.text == "002_press_release.pdf").click()
    WebDriverWait(browser, 20).until(EC.presence_of_element_located((By.ID, "doc-text")))
    titles = [h.text.lower() for h in browser.find_elements(By.CSS_SELECTOR, ".part-title")]
    assert titles[:2] == ["page 1", "page 2"]
    ents = browser.find_elements(By.CSS_SELECTOR, "#doc-text mark.entity")
    assert len(ents) > 10
    labels = {e.find_element(By.TAG_NAME, "span").text.split()[0] for e in ents}
    assert {"TERRITORY", "PERSON", "COUNT"} <= labels
    assert browser.find_elements(By.CSS_SELECTOR, "#facts tbody tr")
    _no_console_errors(browser)
    shoot("document")

    browser.find_element(By.CSS_SELECTOR, "#entities a").click()
    WebDriverWait(browser, 20).until(EC.presence_of_element_located((By.ID, "entity-docs")))
    assert browser.find_elements(By.CSS_SELECTOR, "#entity-docs mark")
    shoot("entity")


def test_new_question_draft(browser, base_url, shoot):
    browser.get(base_url + "/question")
    browser.find_element(By.ID, "question").send_keys(
        "M. Sébastien Cazenove interroge Mme la secrétaire d'État sur le déploiement des 124 Territoires "
        "d'industrie en Occitanie et les moyens financiers prévus pour les contrats.")
    browser.find_element(By.ID, "analyze-button").click()
    WebDriverWait(browser, 180).until(EC.presence_of_element_located((By.ID, "draft")))
    assert browser.find_elements(By.ID, "q-entities") and browser.find_elements(By.ID, "q-themes")
    if browser.find_elements(By.ID, "draft-html"):
        assert browser.find_element(By.ID, "draft-md").get_attribute("value").strip()
        browser.find_element(By.ID, "copy-button").click()
        WebDriverWait(browser, 10).until(EC.text_to_be_present_in_element((By.ID, "copy-status"), "Copié"))
    else:  # drafting not installed yet: the page says so instead of failing
        assert "indisponible" in browser.find_element(By.ID, "draft-unavailable").text
    _no_console_errors(browser)
    shoot("question")


def test_empty_question_message(browser, base_url, shoot):
    browser.get(base_url + "/question")
    browser.find_element(By.ID, "analyze-button").click()
    WebDriverWait(browser, 20).until(EC.presence_of_element_located((By.ID, "error")))
    assert "La question est vide" in browser.find_element(By.ID, "error").text
    shoot("question-empty")
