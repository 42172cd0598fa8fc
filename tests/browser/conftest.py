"""Browser tests: Trellis in Debian's Chromium, driven by Playwright, over a live server.

Journeys mark themselves `pytestmark = pytest.mark.browser` and build on these fixtures:

- `browser`: one headless Chromium for the whole package, started from
  /usr/bin/chromium (or `$TRELLIS_CHROMIUM`); Playwright never downloads a browser.
  Without one the tests skip, except under `CI=true`, where they fail.
- `page`: a fresh context (own cookies) and page on pytest-django's `live_server`,
  1280 by 800 pixels; relative URLs work (`page.goto("/")`). Using it makes the test
  transactional: the server thread sees what the test writes, and the test what
  the server writes.
- `new_page(width=…, height=…)`: another such page, in a context of its own.
- `sign_in(page, member)`: signs in through the real sign-in form.
- `signed_in_page(member, width=…, height=…)`: a new page (own context) already
  signed in, so one test can drive two members side by side.
- `screenshot(page, name="")`: saves `test-artifacts/browser/<test-name>[-<name>].png`;
  every journey saves one at its key moment. A failing test also saves
  `<test-name>-failed.png` of each of its open pages.
- `maya`, `noor`, `published_suggestion`: two members on the same problem, each able
  to teach what the other is learning, and the suggestion of a published round that
  paired them, with the explanations the real engine addresses to each ("You both…").
- `give_help(giver, "Topic", …)`: the giver logs sharing something on those topics with
  someone new (matching's fixture), the evidence behind "who could help".
- `no_full_reload(page)`: a context manager asserting that what happens inside it
  (an htmx swap) does not load a new document.

Being transactional, these tests run after every other database test (pytest-django
orders them so), and each one's flush empties the tables; the autouse `vocabulary`
fixture loads the topic vocabulary again when it is gone.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from trellis.matching.tests.conftest import give_help  # noqa: F401 (evidence of help given)

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "browser"
PASSWORD = "correct horse battery staple"  # what the root conftest's make_member sets
DESKTOP = {"width": 1280, "height": 800}
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-dev-shm-usage",
    # Without these Chromium calls home at start, and this machine's closed network
    # refuses the connections.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
TIMEOUT_MS = 5_000  # a page on loopback answers in milliseconds; fail fast, not in 30 s


def chromium_path() -> str:
    return os.environ.get("TRELLIS_CHROMIUM") or "/usr/bin/chromium"


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    executable = chromium_path()
    if not os.access(executable, os.X_OK):
        reason = (
            f"no Chromium at {executable}: `apt-get install chromium`, "
            "or point TRELLIS_CHROMIUM at one"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests cannot run in CI: {reason}", pytrace=False)
        pytest.skip(reason)
    # Playwright's sync API leaves its event loop marked as running in this thread
    # between calls, and Django then refuses the ORM here ("async context"): the
    # test's own setup and checks, and the transactional flush after each test.
    # Nothing runs concurrently in this thread, so that refusal is a false alarm.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    expect.set_options(timeout=TIMEOUT_MS)
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=executable, args=CHROMIUM_ARGS, headless=True
            )
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(autouse=True)
def vocabulary(vocabulary_loaded) -> None:
    """The topic vocabulary, loaded again when a transactional test flushed it."""


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.browser_test_failed = report.failed
    return report


def artifact_path(request: pytest.FixtureRequest, name: str = "") -> Path:
    stem = re.sub(r"[^\w.-]+", "-", request.node.name).strip("-")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS / f"{stem}{'-' + name if name else ''}.png"


@pytest.fixture
def new_page(
    browser: Browser, live_server, request: pytest.FixtureRequest
) -> Iterator[Callable[..., Page]]:
    """Open a page in a context of its own (own cookies) on the live server."""
    contexts = []
    for stale in ARTIFACTS.glob(f"{artifact_path(request).stem}-failed*.png"):
        stale.unlink()  # from an earlier run: this one saves its own if it fails

    def open_page(*, width: int = DESKTOP["width"], height: int = DESKTOP["height"]) -> Page:
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": width, "height": height}
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield open_page
    failed = getattr(request.node, "browser_test_failed", False)
    pages = [page for context in contexts for page in context.pages]
    for number, page in enumerate(pages if failed else []):
        page.screenshot(path=artifact_path(request, f"failed{number or ''}"), full_page=True)
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page) -> Page:
    return new_page()


@pytest.fixture
def sign_in() -> Callable[..., None]:
    def sign_in_as(page: Page, member, *, password: str = PASSWORD) -> None:
        page.goto("/accounts/sign-in/")
        page.get_by_label("E-mail address").fill(member.user.email)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_role("button", name="Sign out")).to_be_visible()

    return sign_in_as


@pytest.fixture
def signed_in_page(new_page, sign_in) -> Callable[..., Page]:
    def open_as(member, **viewport) -> Page:
        page = new_page(**viewport)
        sign_in(page, member)
        return page

    return open_as


@pytest.fixture
def screenshot(request: pytest.FixtureRequest) -> Callable[..., Path]:
    def save(page: Page, name: str = "") -> Path:
        path = artifact_path(request, name)
        page.screenshot(path=path, full_page=True)
        return path

    return save


@pytest.fixture
def no_full_reload() -> Callable[[Page], AbstractContextManager[None]]:
    @contextmanager
    def same_document(page: Page) -> Iterator[None]:
        """Fail if the page loads a new document while the block runs (htmx swaps only)."""
        page.evaluate("window.__trellisSameDocument = true")
        yield
        assert page.evaluate("window.__trellisSameDocument === true"), "the page was reloaded"

    return same_document


@pytest.fixture
def maya(make_member):
    return make_member(
        "Maya Rossi",
        email="maya@example.org",
        discipline="Engineering",
        team="Platform",
        working_on="Kubernetes upgrades",
        can_help_with="Go",
        learning="Terraform",
    )


@pytest.fixture
def noor(make_member):
    return make_member(
        "Noor Haddad",
        email="noor@example.org",
        discipline="Design",
        team="Checkout",
        working_on="Kubernetes upgrades",
        can_help_with="Terraform",
        learning="Go",
    )


@pytest.fixture
def published_suggestion(maya, noor, organiser):
    """Maya and Noor paired by a round over everyone, run with the real engine, published."""
    from trellis.matching import runs, services
    from trellis.matching.models import Round, Suggestion

    round_obj = services.round_create(organiser=organiser.user, cohort="all", enqueue=False)
    round_obj = runs.round_run(round_id=round_obj.pk)
    assert round_obj.state == Round.State.DONE, round_obj.failure_reason
    services.round_publish(round_id=round_obj.pk, organiser=organiser.user)
    return Suggestion.objects.get(round=round_obj)
