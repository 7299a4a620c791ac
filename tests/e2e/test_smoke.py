"""The portal is served and renders its first page from the API, in Vietnamese."""

from __future__ import annotations

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import PortalServer, screenshot, visit


@pytest.fixture(scope="module")
def store_content() -> str:
    return "empty"


def test_root_leads_to_the_portal_which_shows_the_program(server: PortalServer, page: Page) -> None:
    response = httpx.get(f"{server.base}/", follow_redirects=False)
    assert response.status_code in (302, 307)
    assert response.headers["location"] == "/portal/"

    program = server.gql("{ program { nameVi } }")["program"]
    visit(page, server)
    assert page.evaluate("document.documentElement.lang") == "vi"
    expect(page.locator("main h1")).to_have_text("Toàn xã trong nháy mắt")
    expect(page.locator("main .lead")).to_contain_text(program["nameVi"])
    # Nothing recorded yet but the program: the glance says so rather than failing.
    expect(page.locator("main")).to_contain_text("Chưa có hội nghị sơ kết, tổng kết nào.")
    screenshot(page, server, "smoke")
