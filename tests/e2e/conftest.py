"""End-to-end fixtures: the real server (`socai serve` in its own process) on a fresh store of
each backend, and Debian's Chromium driven headless by Playwright.

One server per test module and backend (`server`); one browser per module (`browser`); a fresh
browser context per test (`page`, `phone`). Screenshots go to `test-artifacts/screenshots/`;
with `SOCAI_SCREENSHOTS=docs/screenshots` the pages that make the README's pictures are also
saved there (from the SQLite run)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Playwright, sync_playwright

from tests.conftest import fresh_store
from tests.support.processes import ROOT, free_port, socai, stop, until

CHROMIUM = os.environ.get("SOCAI_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = ROOT / "test-artifacts" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}

# The demo's villages have codes "demo-thon-…"; the reporter answers for one of them.
REPORTER_UNIT = "demo-thon-dong"
E2E_TOKENS = {
    "office": "e2e-office-token",
    "committee": "e2e-committee-token",
    "inspector": "e2e-inspector-token",
    "auditor": "e2e-auditor-token",
    "admin": "e2e-admin-token",
    "reporter": "e2e-reporter-token",
}
E2E_TOKEN_SPEC = ",".join(
    f"{token}={f'reporter@{REPORTER_UNIT}' if role == 'reporter' else role}"
    for role, token in E2E_TOKENS.items()
)
BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@dataclass
class PortalServer:
    backend: str
    port: int
    database_url: str
    env: dict[str, str]
    folder: Path
    tokens: dict[str, str] = field(default_factory=lambda: dict(E2E_TOKENS))

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def portal(self, path: str = "") -> str:
        """The address of a portal page: `portal("board")` → …/portal/#/board."""
        return f"{self.base}/portal/#/{path}"

    def gql(
        self, query: str, variables: dict[str, Any] | None = None, *, role: str | None = None
    ) -> dict[str, Any]:
        """A GraphQL call as any client makes it; `role` sends that role's token."""
        headers = {"authorization": f"Bearer {self.tokens[role]}"} if role else {}
        response = httpx.post(
            f"{self.base}/graphql",
            json={"query": query, "variables": variables or {}},
            headers=headers,
            timeout=30,
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        assert "errors" not in body, body["errors"]
        return body["data"]  # type: ignore[no-any-return]

    def cli(self, *commands: str) -> str:
        """`socai COMMAND` for each command ("init", "token list"…) against this server's
        store, in one process (one start-up for all); their standard output."""
        script = (
            "import shlex, sys, cli\n"
            "for command in sys.argv[1:]:\n"
            "    if cli.main(shlex.split(command)):\n"
            "        sys.exit(f'socai {command} failed')\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", script, *commands],
            cwd=ROOT,
            env={**os.environ, **self.env},
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout


def healthy(base: str) -> bool:
    try:
        return httpx.get(f"{base}/healthz", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


@pytest.fixture(scope="module")
def store_content() -> str:
    """What the module's server starts with: "demo" (the demo commune, then a signed
    checkpoint) or "empty" (just `socai init`). Override it in a test module."""
    return "demo"


@pytest.fixture(scope="module", params=BACKENDS)
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, store_content: str
) -> Iterator[PortalServer]:
    """`socai serve` on a fresh store of each backend, after `socai init` (and the demo)."""
    backend: str = request.param
    folder = tmp_path_factory.mktemp(f"e2e-{backend}")
    with fresh_store(backend, folder, prefix="socai_e2e") as url:
        port = free_port()
        env = {
            "DATABASE_URL": url,
            "HOST": "127.0.0.1",
            "PORT": str(port),
            "SOCAI_TOKENS": E2E_TOKEN_SPEC,
            "SOCAI_KEY_FILE": str(folder / "socai.key"),
            "SOCAI_RATE_LIMIT": "off",
            "SOCAI_TOKEN_RATE_LIMIT": "off",
        }
        found = PortalServer(backend, port, url, env, folder)
        found.cli("init", *(["demo", "checkpoint"] if store_content == "demo" else []))
        process = socai("serve", env=env, log=folder / "serve.log")
        try:
            until(lambda: healthy(found.base), within=30, what="the server to answer")
            yield found
        finally:
            stop(process)


@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """Debian's Chromium, headless (never a browser downloaded by Playwright)."""
    launched = playwright.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
    )
    try:
        yield launched
    finally:
        launched.close()


def _page(browser: Browser, viewport: dict[str, int], *, mobile: bool) -> Iterator[Page]:
    context = browser.new_context(
        viewport=viewport,  # type: ignore[arg-type]
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
        is_mobile=mobile,
        has_touch=mobile,
        device_scale_factor=1,
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))

    def console(message: ConsoleMessage) -> None:
        # The officer's routes are optional: the router does without them when absent.
        if message.type == "error" and not message.location.get("url", "").endswith(
            "/officer/routes.js"
        ):
            problems.append(f"console error: {message.text} ({message.location.get('url')})")

    page.on("console", console)
    try:
        yield page
    finally:
        context.close()
    assert not problems, problems


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A desktop-sized page in a fresh context (Vietnamese locale, Vietnam time); the test
    fails if the page logged a JavaScript error."""
    yield from _page(browser, DESKTOP, mobile=False)


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    """The same, 360 px wide, as a phone."""
    yield from _page(browser, PHONE, mobile=True)


def settled(page: Page, within: float = 15_000) -> None:
    """Waits until the portal has rendered the current location (data or an error shown)."""
    page.wait_for_function(
        """() => {
            const main = document.getElementById("main");
            return main && main.dataset.hash === (location.hash || "#/")
                && (main.dataset.state === "ready" || main.dataset.state === "error");
        }""",
        timeout=within,
    )


def visit(page: Page, server: PortalServer, path: str = "") -> None:
    """Opens a portal page (reloads it if it is the one shown) and waits until it shows its
    data."""
    url = server.portal(path)
    if page.url == url:
        page.reload()
    else:
        page.goto(url)
    settled(page)


def rerendered(page: Page, action: Callable[[], None]) -> None:
    """Does `action` (a click, a language switch…) and waits for the page's next render."""
    before = page.evaluate("() => Number(document.getElementById('main').dataset.renders || 0)")
    action()
    page.wait_for_function(
        f"""() => {{
            const main = document.getElementById("main");
            return Number(main.dataset.renders || 0) > {before}
                && (main.dataset.state === "ready" || main.dataset.state === "error");
        }}"""
    )


def screenshot(
    page: Page, server: PortalServer, name: str, *, readme: bool = False, full_page: bool = True
) -> Path:
    """Saves a screenshot (the whole page, or what the window shows) as a test artefact; with
    `readme` and SOCAI_SCREENSHOTS set, the SQLite run also writes what the window shows there,
    for the README."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}-{server.backend}.png"
    page.screenshot(path=str(path), full_page=full_page)
    target = os.environ.get("SOCAI_SCREENSHOTS")
    if readme and target and server.backend == "sqlite":
        folder = ROOT / target
        folder.mkdir(parents=True, exist_ok=True)
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(folder / f"{name}.png"))  # what the window shows, from the top
    return path
