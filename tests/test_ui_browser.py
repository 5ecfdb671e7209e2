"""What an administrator does in the Prefect UI of `abk serve`, in a real headless Chromium: log in, see the
two deployments, open a failed run, fix its cause, press Retry, and see that same run complete.

Needs Debian's chromium and chromium-driver (`make test` installs them); skips without them. Screenshots of
every step (and the page's HTML beside each) go to a pytest temporary folder, printed at the start.
"""
from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from tests.serve_process import ROOT, Served

pytestmark = pytest.mark.slow   # `abk serve` and a headless Chromium, about 100 s

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
APT_COMMAND = "sudo apt-get install -y -qq chromium chromium-driver"

if not (CHROMIUM.is_file() and CHROMEDRIVER.is_file()):
    pytest.skip(f"Chromium or its driver is not installed ({CHROMIUM}, {CHROMEDRIVER}): run `{APT_COMMAND}` "
                "(or `make test`, which installs them)", allow_module_level=True)
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is missing: .venv/bin/pip install -e '.[test]'")

from selenium.common.exceptions import StaleElementReferenceException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

DEPLOYMENTS = ("abk-pass/malam", "abk-pass/manual")
SAMPLE = ROOT / "samples" / "ABK Pengolah Data Formasi - BKPSDM.docx"
UI_WAIT_S = 60          # one page or element, on a busy 2-core machine
FAIL_WAIT_S = 180       # ample even if a release retries the failing I/O (it once did: 2 + 10 + 30 s)
RETRY_WAIT_S = 120


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """`abk serve` with its own Prefect home, inbox and outbox, starting its own server on a free port with a
    known password; the Prefect client of this process pointed at it."""
    serve = Served(tmp_path_factory.mktemp("abk-serve"))
    # The cause of the failure the test retries, as an operator meets it: a regular file where the outbox
    # folder must be. Laid before abk serve starts, so no pass of its own can have made the folder first.
    serve.outbox.write_text("bukan folder: berkas ini menghalangi outbox\n", encoding="utf-8")
    # And what staff dropped meanwhile: a form, and a file that is not one (its verdict's message is long).
    shutil.copy(SAMPLE, serve.inbox / SAMPLE.name)
    (serve.inbox / "formulir rusak.docx").write_bytes(b"ini bukan dokumen Word")
    saved = {k: os.environ.get(k) for k in ("PREFECT_API_URL", "PREFECT_API_AUTH_STRING")}
    try:
        serve.start()
        os.environ.update(PREFECT_API_URL=serve.url, PREFECT_API_AUTH_STRING=serve.auth)
        with serve.api():
            yield serve
    finally:
        serve.stop()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        print(f"\nlog of abk serve: {serve.log}")


class Browser:
    """Headless Debian Chromium through its own chromedriver (Selenium Manager never runs: nothing is
    downloaded), with a screenshot and the page's HTML saved at each step."""

    def __init__(self, shots: Path, profile: Path):
        options = webdriver.ChromeOptions()
        options.binary_location = str(CHROMIUM)
        for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--window-size=1400,1000", "--no-first-run", "--disable-quic", "--disable-sync",
                         "--disable-background-networking", "--disable-component-update", f"--user-data-dir={profile}"):
            options.add_argument(argument)
        self.driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
        self.driver.set_page_load_timeout(UI_WAIT_S)
        self.shots, self.step = shots, 0

    def shot(self, name: str) -> Path:
        self.step += 1
        path = self.shots / f"{self.step:02d}-{name}.png"
        self.driver.save_screenshot(str(path))
        path.with_suffix(".html").write_text(self.driver.page_source, encoding="utf-8")
        return path

    def scroll(self, element, margin: int = 250) -> None:
        """Scroll the container that scrolls ``element`` (the page body does not: an inner one does) so that
        the element's top sits ``margin`` pixels below the container's top, clear of sticky headers; with a
        negative margin, back to the container's top."""
        self.driver.execute_script("""
            const element = arguments[0], margin = arguments[1];
            for (let box = element.parentElement; box; box = box.parentElement) {
                const overflow = getComputedStyle(box).overflowY;
                if (box.scrollHeight > box.clientHeight && (overflow === 'auto' || overflow === 'scroll')) {
                    const top = margin < 0 ? 0 : box.scrollTop + element.getBoundingClientRect().top
                                                 - box.getBoundingClientRect().top - margin;
                    box.scrollTo({top: top, behavior: 'instant'});
                    return;
                }
            }""", element, margin)

    def wait(self, condition, timeout: float = UI_WAIT_S, message: str = ""):
        return WebDriverWait(self.driver, timeout, poll_frequency=0.25,
                             ignored_exceptions=(StaleElementReferenceException,)).until(condition, message)

    def visible(self, xpath: str, timeout: float = UI_WAIT_S):
        """The first element matching ``xpath`` that is displayed (a page also holds hidden ones)."""
        def shown(driver):
            return next((e for e in driver.find_elements(By.XPATH, xpath) if e.is_displayed()), False)
        return self.wait(shown, timeout, f"nothing visible matches {xpath}")

    def click(self, xpath: str, timeout: float = UI_WAIT_S):
        def clickable(driver):
            return next((e for e in driver.find_elements(By.XPATH, xpath) if e.is_displayed() and e.is_enabled()),
                        False)
        element = self.wait(clickable, timeout, f"nothing clickable matches {xpath}")
        element.click()
        return element


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    shots = tmp_path_factory.mktemp("ui-screenshots")
    print(f"\nscreenshots: {shots}")
    chrome = Browser(shots, tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield chrome
    finally:
        try:
            chrome.shot("end")
        finally:
            chrome.driver.quit()


def text(value: str) -> str:
    """An XPath string literal (the texts here hold no double quote)."""
    assert '"' not in value
    return f'"{value}"'


def showing(value: str) -> str:
    """The innermost element whose whole text is ``value``. Its string value (.), not text(): Vue puts empty
    text nodes before the text, and XPath's text() then looks at an empty one."""
    return f"//*[normalize-space(.)={text(value)} and not(*[normalize-space(.)={text(value)}])]"


def containing(value: str) -> str:
    """The innermost element whose text contains ``value``."""
    return f"//*[contains(., {text(value)}) and not(*[contains(., {text(value)})])]"


def test_an_administrator_retries_a_failed_run_in_the_ui(served, browser):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.objects import StateType

    started = time.monotonic()

    def lap(what: str) -> None:
        print(f"  {time.monotonic() - started:6.1f} s  {what}")

    with get_client(sync_client=True) as client:
        _wait_for_deployments(client, DEPLOYMENTS, timeout=90)
        lap("both deployments served")
        run_id = _first_manual_run(client, served)
        lap(f"the watcher started flow run {run_id} of abk-pass/manual for the dropped files")

        # While that run fails: the administrator opens the address abk serve prints.
        _log_in(browser, served)
        lap("logged in")
        _see_the_deployments(browser)
        lap("both deployments seen")

        failed = _wait_for_state(client, run_id, lambda s: s.is_final(), FAIL_WAIT_S, served.log)
        assert failed.type == StateType.FAILED, f"the run ended {failed.type}, not FAILED: {failed.message}"
        assert "Pass berhenti" in (failed.message or ""), failed.message
        lap("the run failed")

        # The administrator fixes the cause, then retries that run from its page.
        served.outbox.unlink()
        browser.driver.get(f"{served.ui}/runs/flow-run/{run_id}")
        badge = browser.visible(showing("Failed"))
        lap("the failed run's page is open")
        # The cause is on the page, in the operator's words (the run's error log, below the graph).
        cause = browser.visible(containing("Pass berhenti: sudah ada berkas dengan nama itu"))
        lap("its cause is shown")
        browser.scroll(cause)
        browser.shot("failed-run-cause")
        browser.scroll(badge, margin=-1)
        browser.shot("failed-run")
        lap("screenshots taken")
        browser.click(f"//button[normalize-space()={text('Retry')}]")
        _confirm_if_asked(browser, lambda: client.read_flow_run(run_id).state.timestamp > failed.timestamp)
        lap("Retry pressed")

        completed = _wait_for_state(client, run_id, lambda s: s.is_final() and s.timestamp > failed.timestamp,
                                    RETRY_WAIT_S, served.log)
        assert completed.type == StateType.COMPLETED, f"the retried run ended {completed.type}: {completed.message}"
        assert client.read_flow_run(run_id).run_count >= 2      # the same run, run again
        lap("the same run completed")
        browser.visible(showing("Completed"))       # the page follows the state by itself
        browser.shot("completed-run")
        browser.driver.refresh()                    # its graph shows the new task runs only after a reload
        browser.visible(showing("Completed"))
        browser.visible(showing("manual"))          # the deployment's link: the run's details have loaded
        browser.visible(containing("Beginning flow run"))      # and its logs
        browser.shot("completed-run-reloaded")
        lap("the page shows it")

        # The retried run still tells each sender's verdict, with the whole message.
        message = (next((served.inbox / "karantina").glob("*.alasan.txt")).read_text().splitlines()[2])
        browser.driver.get(f"{served.ui}/artifacts/artifact/{_latest_artifact(client, run_id, 'abk-berkas')}")
        browser.visible(containing("formulir rusak.docx"))
        browser.visible(containing(message[-40:]))
        browser.shot("verdicts-artifact")
        browser.driver.get(f"{served.ui}/artifacts/artifact/{_latest_artifact(client, run_id, 'abk-ringkasan')}")
        browser.visible(containing("surat_usul_kebutuhan.pdf"))
        browser.shot("summary-artifact")
        lap("the verdicts and the summary are shown in full")

    latest = served.outbox / "latest"
    assert latest.is_symlink() and (latest / "summary.json").is_file(), sorted(os.listdir(served.outbox))


def _latest_artifact(client, run_id, key: str) -> str:
    """The artifact the run's page links to last: the newest version of ``key`` from this run."""
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId, ArtifactFilterKey
    from prefect.client.schemas.sorting import ArtifactSort

    found = client.read_artifacts(artifact_filter=ArtifactFilter(
        flow_run_id=ArtifactFilterFlowRunId(any_=[run_id]), key=ArtifactFilterKey(any_=[key])),
        sort=ArtifactSort.CREATED_DESC, limit=1)
    assert found, f"the run published no {key}"
    return str(found[0].id)


def _first_manual_run(client, served) -> str:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        runs = served.flow_runs("manual")
        if runs:
            return runs[0].id
        time.sleep(0.5)
    pytest.fail(f"the watcher started no run; abk serve's log:\n{served.output()[-4000:]}")


def _log_in(browser: Browser, served: Served) -> None:
    """The address `abk serve` prints shows a login page (Prefect 3.8.8 sends "/" to its new UI, /v2) with one
    password field whose placeholder is "admin:pass": it wants the whole auth string, user and password
    joined by a colon. A wrong one is refused on the page."""
    browser.driver.get(served.ui)
    field = browser.visible("//input[@type='password']")
    browser.shot("login")
    field.send_keys(served.auth.split(":", 1)[0] + ":bukan-sandinya")
    browser.click(f"//button[normalize-space()={text('Login')}]")
    browser.visible(showing("Invalid credentials"))
    browser.shot("login-refused")
    field = browser.visible("//input[@type='password']")
    field.clear()
    field.send_keys(served.auth)
    browser.click(f"//button[normalize-space()={text('Login')}]")
    browser.wait(lambda d: "/login" not in d.current_url, message="still on the login page")
    browser.visible(f"//a[normalize-space()={text('Deployments')}]")


def _confirm_if_asked(browser: Browser, retried) -> None:
    """Prefect 3.8.8 asks "Retry <run name>?" in a dialog whose own Retry button does it; should a later UI
    retry at once, the run's new state (``retried()``) ends the wait instead."""
    confirm = f"//*[@role='dialog']//button[normalize-space()={text('Retry')}]"

    def asked_or_done(driver):
        button = next((e for e in driver.find_elements(By.XPATH, confirm) if e.is_displayed()), None)
        return button or ("retried" if retried() else False)

    button = browser.wait(asked_or_done, message="neither a Retry dialog nor a retried run")
    if button == "retried":
        browser.shot("retried-without-dialog")
        return
    browser.shot("retry-dialog")
    button.click()


def _see_the_deployments(browser: Browser) -> None:
    browser.click(f"//a[normalize-space()={text('Deployments')}]")
    for name in DEPLOYMENTS:
        flow, deployment = name.split("/")
        # The row of each deployment names it and its flow.
        browser.visible(f"//tr[.//*[normalize-space(.)={text(deployment)}]][.//*[normalize-space(.)={text(flow)}]]")
    browser.shot("deployments")


def _wait_for_deployments(client, names, timeout: float) -> None:
    """Until abk serve has registered every deployment (its API answers before that)."""
    from prefect.exceptions import ObjectNotFound

    deadline = time.monotonic() + timeout
    for name in names:
        while True:
            try:
                client.read_deployment_by_name(name)
                break
            except ObjectNotFound:
                assert time.monotonic() < deadline, f"{name} was not served within {timeout:.0f} s"
                time.sleep(0.5)


def _wait_for_state(client, run_id, reached, timeout: float, log: Path):
    deadline = time.monotonic() + timeout
    while True:
        state = client.read_flow_run(run_id).state
        if state is not None and reached(state):
            return state
        if time.monotonic() > deadline:
            pytest.fail(f"flow run {run_id} still {state.type if state else None} after {timeout:.0f} s; "
                        f"abk serve's log:\n{log.read_text(errors='replace')[-4000:]}")
        time.sleep(1)
