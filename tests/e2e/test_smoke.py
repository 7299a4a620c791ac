"""The portal is served and renders its first page from the API, in Vietnamese."""

from __future__ import annotations

import httpx
from playwright.sync_api import Page, expect

from tests.e2e.conftest import PortalServer, screenshot, visit


def test_root_leads_to_the_portal_which_shows_the_program(server: PortalServer, page: Page) -> None:
    response = httpx.get(f"{server.base}/", follow_redirects=False)
    assert response.status_code in (302, 307)
    assert response.headers["location"] == "/portal/"

    program = server.gql("{ program { nameVi } }")["program"]
    visit(page, server)
    assert page.evaluate("document.documentElement.lang") == "vi"
    expect(page.locator("main h1")).to_have_text("Toàn xã")
    expect(page.locator("main")).to_contain_text(program["nameVi"])
    screenshot(page, server, "smoke")
