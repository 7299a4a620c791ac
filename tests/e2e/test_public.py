"""The public portal in Chromium against the real server on both backends: a visitor browses
the commune and travels back in time; a citizen sends feedback and, once an officer answers
it, reads the answer by the reference; anyone checks the ledger's signature."""

from __future__ import annotations

import re
import subprocess
import sys
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import (
    PortalServer,
    rerendered,
    screenshot,
    visit,
)
from tests.support.processes import ROOT

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")

VILLAGES = """query($after: String) {
  villageBoard(first: 200, after: $after) { nodes { unit { id code name } } }
}"""


def units_by_code(server: PortalServer) -> dict[str, dict[str, Any]]:
    nodes = server.gql("{ units(first: 200) { nodes { id code name kind } } }")["units"]["nodes"]
    return {unit["code"]: unit for unit in nodes}


def record(server: PortalServer, mutation: str, field: str, role: str, **input: Any) -> Any:
    """Records one act through the API as `role`; fails unless it succeeded."""
    query = f"""mutation($input: {mutation}Input!) {{
      {field}(input: $input) {{
        __typename ... on Failure {{ message }}
      }}
    }}"""
    result = server.gql(query, {"input": {"idempotencyKey": uuid.uuid4().hex, **input}}, role=role)[
        field
    ]
    assert "message" not in result, result
    return result


def vietnam_date(day: str) -> str:
    """ "2026-11-29" → "29/11/2026", the way a Vietnamese visitor types it."""
    year, month, date = day.split("-")
    return f"{date}/{month}/{year}"


def test_a_visitor_browses_the_board_and_travels_back_in_time(
    server: PortalServer, page: Page
) -> None:
    coverage = server.gql("{ coverage { modelType { code } target recognized } }")["coverage"]
    villages = server.gql(VILLAGES)["villageBoard"]["nodes"]
    assert coverage
    assert villages

    # The commune at a glance: every model's bar, with its figures from the API.
    visit(page, server)
    expect(page.locator("main h1")).to_have_text("Toàn xã trong nháy mắt")
    for row in coverage:
        item = page.locator(f"li[data-model='{row['modelType']['code']}']")
        expect(item).to_contain_text(f"{row['recognized']}/{row['target']}")
        expect(item.locator("svg[role=img]")).to_have_count(1)
    # Money in đồng, with thousands separators: 791000000 → "791.000.000 ₫".
    year = datetime.now(VIETNAM).year
    money = server.gql(
        "query($year: Int) { moneyBySource(year: $year) { received spent } }", {"year": year}
    )["moneyBySource"]
    assert money
    for row in money:
        for amount in (row["received"], row["spent"]):
            expect(page.locator("#money-title + .table-wrap")).to_contain_text(
                f"{int(amount):,} ₫".replace(",", ".")
            )
    screenshot(page, server, "home-desktop", readme=True)

    # The village board, reached by the navigation.
    rerendered(page, lambda: page.get_by_role("link", name="Bảng tin thôn").click())
    expect(page.locator("main h1")).to_have_text("Bảng tin các thôn")
    expect(page.locator("article.village")).to_have_count(len(villages))
    screenshot(page, server, "board-desktop", readme=True)

    # A moment; then, after it, a village is renamed and a new one registered.
    moment = datetime.now(VIETNAM).replace(microsecond=0)
    while datetime.now(VIETNAM) < moment + timedelta(seconds=1.1):
        time.sleep(0.05)
    renamed = villages[0]["unit"]
    old_name = renamed["name"]
    new_name = f"{old_name.removesuffix(' (demo)')} Mới (demo)"
    record(
        server,
        "RenameUnit",
        "renameUnit",
        "office",
        unitId=renamed["id"],
        name=new_name,
        reason="Nghị quyết HĐND về đổi tên thôn",
    )
    record(
        server,
        "RegisterUnit",
        "registerUnit",
        "office",
        code="thon-binh-minh",
        kind="VILLAGE",
        name="Thôn Bình Minh",
        reason="Quyết định thành lập thôn",
    )

    visit(page, server, "board")
    board = page.locator("main")
    expect(board.locator("article.village")).to_have_count(len(villages) + 1)
    expect(board.get_by_role("link", name="Thôn Bình Minh")).to_be_visible()
    expect(board.get_by_role("link", name=new_name)).to_be_visible()

    # Back to the moment, with the date control: neither change is there.
    page.get_by_label("Xem như ngày").fill(vietnam_date(moment.date().isoformat()))
    page.get_by_label("Giờ (không bắt buộc)").fill(moment.strftime("%H:%M:%S"))
    rerendered(page, lambda: page.get_by_role("button", name="Xem", exact=True).click())
    expect(page.locator(".as-of")).to_contain_text(moment.strftime("%d/%m/%Y %H:%M"))
    expect(board.locator("article.village")).to_have_count(len(villages))
    expect(board.get_by_text("Thôn Bình Minh")).to_have_count(0)
    expect(board.get_by_role("link", name=new_name)).to_have_count(0)
    expect(board.get_by_role("link", name=old_name)).to_be_visible()
    screenshot(page, server, "board-as-of")

    # The unit's page keeps the moment: its timeline does not have the renaming yet.
    rerendered(page, lambda: board.get_by_role("link", name=old_name).click())
    expect(page.locator("main h1")).to_have_text(old_name)
    timeline = page.locator("ol.timeline")
    expect(timeline.locator("li").first).to_be_visible()
    expect(timeline).not_to_contain_text("Đổi tên đơn vị")
    rerendered(page, lambda: page.get_by_role("link", name="Về hiện tại").click())
    expect(page.locator("main h1")).to_have_text(new_name)
    expect(timeline.locator("li").first).to_contain_text("Đổi tên đơn vị")
    screenshot(page, server, "unit-desktop", readme=True)

    # The day before anything was recorded, the board had no village at all.
    first = server.gql("{ history(first: 1) { nodes { recordedAt } } }")["history"]["nodes"]
    began = datetime.fromisoformat(first[0]["recordedAt"]).astimezone(VIETNAM).date()
    yesterday = (began - timedelta(days=1)).isoformat()
    visit(page, server, f"board?asOf={yesterday}")
    expect(page.locator("article.village")).to_have_count(0)
    expect(page.locator("main")).to_contain_text("chưa có thôn nào trong sổ")

    # The history of that unit, filtered, now and at the moment.
    visit(page, server, f"history?unit={renamed['id']}")
    expect(page.locator("main tbody")).to_contain_text("Đổi tên đơn vị")
    expect(page.locator("#history-unit")).to_have_value(renamed["id"])
    screenshot(page, server, "history-desktop", readme=True)
    page.get_by_label("Xem như ngày").fill(vietnam_date(moment.date().isoformat()))
    page.get_by_label("Giờ (không bắt buộc)").fill(moment.strftime("%H:%M:%S"))
    rerendered(page, lambda: page.get_by_role("button", name="Xem", exact=True).click())
    expect(page.locator("main tbody tr").first).to_be_visible()
    expect(page.locator("main tbody")).not_to_contain_text("Đổi tên đơn vị")
    expect(page.locator("#history-unit")).to_have_value(renamed["id"])

    # A date that is not one is refused in words, next to the field.
    page.get_by_label("Xem như ngày").fill("31/02/2026")
    page.get_by_role("button", name="Xem", exact=True).click()
    expect(page.locator("#as-of-error")).to_contain_text("Ngày chưa đúng")
    expect(page.get_by_label("Xem như ngày")).to_have_attribute("aria-invalid", "true")

    # The same pages in English, on the switch.
    rerendered(page, lambda: page.get_by_role("button", name="English").click())
    assert page.evaluate("document.documentElement.lang") == "en"
    expect(page.locator("main h1")).to_have_text("History")
    visit(page, server, "board")
    expect(page.locator("main h1")).to_have_text("Village board")
    rerendered(page, lambda: page.get_by_role("button", name="Tiếng Việt").click())
    expect(page.locator("main h1")).to_have_text("Bảng tin các thôn")


FEEDBACKS = """query($unit: ID!) {
  feedbacks(unitId: $unit, first: 200) { nodes { id reference topic status } }
}"""


def test_a_citizen_sends_feedback_and_sees_the_answer_by_its_reference(
    server: PortalServer, page: Page
) -> None:
    village = units_by_code(server)["demo-thon-dong"]
    before = server.gql(FEEDBACKS, {"unit": village["id"]}, role="office")["feedbacks"]["nodes"]

    # A unit that is listed when the form is shown, and dissolved before it is sent.
    team = record(
        server,
        "RegisterUnit",
        "registerUnit",
        "office",
        code="to-cong-tac-tam-thoi",
        kind="OFFICE",
        name="Tổ công tác tạm thời",
        reason="Quyết định thành lập tổ",
    )
    team_id = units_by_code(server)["to-cong-tac-tam-thoi"]["id"]
    assert team["__typename"] == "UnitChanged"

    visit(page, server, "feedback")
    expect(page.locator("main h1")).to_have_text("Gửi góp ý, phản ánh")

    # Sent empty: the form says what is missing, next to each field, and records nothing.
    page.get_by_role("button", name="Gửi góp ý").click()
    expect(page.locator("#fb-unit-error")).to_have_text("Vui lòng chọn đơn vị.")
    expect(page.locator("#fb-topic-error")).to_have_text("Vui lòng nhập mục này.")
    expect(page.get_by_label("Chủ đề")).to_have_attribute("aria-invalid", "true")

    topic = "Đèn đường trục thôn bị hỏng"
    page.get_by_label("Góp ý về đơn vị").select_option(label=village["name"])
    page.get_by_label("Chủ đề").fill(topic)
    page.get_by_label("Nội dung").fill("Ba bóng đèn trên đường trục thôn không sáng từ tuần trước.")
    page.get_by_label("Họ và tên").fill("Nguyễn Văn An")
    screenshot(page, server, "feedback-desktop", readme=True)

    # The API's refusal is shown in plain words, and the form can be sent again.
    record(
        server,
        "DissolveUnit",
        "dissolveUnit",
        "office",
        unitId=team_id,
        reason="Tổ đã hoàn thành nhiệm vụ",
    )
    page.get_by_label("Góp ý về đơn vị").select_option(label="Tổ công tác tạm thời")
    page.get_by_role("button", name="Gửi góp ý").click()
    expect(page.get_by_role("alert")).to_have_text(
        "Đơn vị này không còn hoạt động (đã sáp nhập hoặc giải thể). Vui lòng chọn đơn vị khác."
    )
    expect(page.get_by_role("button", name="Gửi góp ý")).to_be_enabled()
    page.get_by_label("Góp ý về đơn vị").select_option(label=village["name"])
    # A double click sends the form once: one feedback, one reference.
    page.get_by_role("button", name="Gửi góp ý").dblclick()
    reference = page.locator("#feedback-reference")
    expect(reference).to_have_text(re.compile(r"^GY-[0-9A-Z]{5}-[0-9A-Z]{5}$"))
    given = reference.inner_text()
    screenshot(page, server, "feedback-sent")

    after = server.gql(FEEDBACKS, {"unit": village["id"]}, role="office")["feedbacks"]["nodes"]
    mine = [f for f in after if f["reference"] == given]
    assert len(after) == len(before) + 1
    assert [f["topic"] for f in mine] == [topic]

    # Following it: received, no answer yet.
    rerendered(page, lambda: page.get_by_role("link", name="Theo dõi góp ý này").click())
    follow = page.locator(".follow-up")
    expect(follow).to_have_attribute("data-status", "SUBMITTED")
    expect(follow).to_contain_text("Chưa có câu trả lời")

    # The office acknowledges and answers it, through the API.
    answer = "Đã thay ba bóng đèn ngày hôm qua. Cảm ơn bà con đã phản ánh."
    feedback_id = mine[0]["id"]
    record(
        server,
        "AcknowledgeFeedback",
        "acknowledgeFeedback",
        "office",
        feedbackId=feedback_id,
        note="Đã chuyển tổ điện thôn",
    )
    record(
        server, "AnswerFeedback", "answerFeedback", "office", feedbackId=feedback_id, answer=answer
    )

    # Later, the citizen types the reference (in lower case, with spaces) and reads the answer.
    visit(page, server, "follow")
    page.get_by_label("Mã tra cứu").fill(given.lower().replace("-", " "))
    rerendered(page, lambda: page.get_by_role("button", name="Tra cứu").click())
    expect(follow).to_have_attribute("data-status", "ANSWERED")
    expect(follow.locator(".answer")).to_have_text(answer)
    expect(follow).to_contain_text(topic)
    expect(follow).to_contain_text("Đã trả lời")
    expect(follow).not_to_contain_text("Nguyễn Văn An")
    screenshot(page, server, "follow-desktop", readme=True)

    visit(page, server, "follow?ref=GY-00000-00000")
    expect(page.get_by_role("alert")).to_contain_text("Không tìm thấy góp ý có mã GY-00000-00000")


def test_the_scorecards_and_the_verification_a_visitor_can_check(
    server: PortalServer, page: Page, tmp_path: Path
) -> None:
    year = datetime.now(VIETNAM).year
    cards = server.gql(
        "query($year: Int!) { scorecard(year: $year) { criterion { code } met measured total } }",
        {"year": year},
    )["scorecard"]
    visit(page, server, "scorecards")
    expect(page.locator("main h1")).to_have_text("Tám tiêu chí của xã")
    expect(page.locator("article[data-criterion]")).to_have_count(len(cards))
    assert len(cards) == 8
    for card in cards:
        expect(
            page.locator(f"article[data-criterion='{card['criterion']['code']}']")
        ).to_contain_text(f"{card['met']} đạt / {card['measured']} đã đo / {card['total']} chỉ số")
    screenshot(page, server, "scorecards-desktop", readme=True)

    signed = server.gql("{ latestCheckpoint { treeSize note } publicKey { verifierKey } }")
    visit(page, server, "verify")
    expect(page.locator("#checkpoint-note")).to_have_text(signed["latestCheckpoint"]["note"])
    expect(page.locator("#verifier-key")).to_have_text(signed["publicKey"]["verifierKey"])
    screenshot(page, server, "verify-desktop", readme=True)

    # What the page hands out is what `socai verify` checks the ledger against.
    files = {}
    for name in ("Tải văn bản đã ký", "Tải khóa công khai"):
        with page.expect_download() as download:
            page.get_by_role("link", name=name).click()
        files[name] = tmp_path / download.value.suggested_filename
        download.value.save_as(files[name])
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "cli.py"),
            "verify",
            "--public-key",
            str(files["Tải khóa công khai"]),
            "--checkpoint",
            str(files["Tải văn bản đã ký"]),
        ],
        cwd=ROOT,
        env={**__import__("os").environ, **server.env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"tree size {signed['latestCheckpoint']['treeSize']}" in done.stdout


@pytest.mark.parametrize(
    "path", ["", "board", "history", "scorecards", "feedback", "follow", "verify"]
)
def test_every_page_fits_a_phone(server: PortalServer, phone: Page, path: str) -> None:
    visit(phone, server, path)
    assert phone.locator("main").get_attribute("data-state") == "ready"
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{path or 'home'} is {width} px wide on a 360 px phone"
    name = {"": "home"}.get(path, path)
    screenshot(phone, server, f"{name}-phone", readme=True, full_page=False)
    # On a phone the time-travel control stays folded until asked for.
    travel = phone.locator("details.time-travel-box")
    if travel.count():
        expect(phone.get_by_label("Xem như ngày")).to_be_hidden()
        travel.locator("summary").click()
        expect(phone.get_by_label("Xem như ngày")).to_be_visible()


def test_the_portal_is_usable_by_keyboard(server: PortalServer, page: Page) -> None:
    visit(page, server, "board")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    expect(skip).to_have_text("Bỏ qua, đến nội dung chính")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # Every control on the pages with forms has a name a screen reader reads out.
    for path in ("board", "history", "feedback", "follow", "scorecards"):
        visit(page, server, path)
        unnamed = page.evaluate(
            """() => [...document.querySelectorAll('main input, main select, main textarea')]
                .filter(c => !(c.labels && c.labels.length) && !c.getAttribute('aria-label'))
                .map(c => c.id || c.name)"""
        )
        assert unnamed == [], f"{path}: controls without a label: {unnamed}"
    # Following a link moves the focus to the new page, for screen readers and keyboards.
    rerendered(page, lambda: page.get_by_role("link", name="Kiểm chứng").click())
    assert page.evaluate("document.activeElement.id") == "main"
