"""The officer's workspace in the browser: an officer of each role signs in with a token and
records the common acts through the forms; the public view then shows each act. A double click
records once, a refused act is said in words, and a role sees only the forms it may use."""

from __future__ import annotations

import json
import re
import uuid
from typing import Any

import httpx
from playwright.sync_api import Browser, Page, Request, expect

from tests.e2e.conftest import PortalServer, rerendered, screenshot, settled, visit

PUBLIC_TASKS = """query($unit: ID!) { tasks(unitId: $unit, first: 200) {
    nodes { id title percent lastSummary lastEvidence status } } }"""


def unique(prefix: str) -> str:
    return f"{prefix} {uuid.uuid4().hex[:8]}"


def position(server: PortalServer) -> int:
    """The log's length, as /healthz reports it."""
    found: int = httpx.get(f"{server.base}/healthz", timeout=10).json()["position"]
    return found


def village(server: PortalServer, code: str) -> dict[str, Any]:
    units = server.gql("{ units(kind: VILLAGE, first: 200) { nodes { id code name } } }")
    return next(u for u in units["units"]["nodes"] if u["code"] == code)


def sign_in(page: Page, server: PortalServer, role: str) -> None:
    visit(page, server, "officer")
    page.get_by_label("Mã truy cập (token)").fill(server.tokens[role])
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.locator(".officer-who")).to_be_visible()


def open_act(page: Page, server: PortalServer, act: str) -> None:
    """Opens an act's form afresh (a new form, with a new idempotency key)."""
    if page.url == server.portal(f"officer/{act}"):
        page.reload()
        settled(page)
    else:
        visit(page, server, f"officer/{act}")
    expect(page.locator(f"form[data-act={act}]")).to_be_visible()


def choose(page: Page, label: str, containing: str) -> None:
    """Selects the option of the labelled list whose text contains `containing`."""
    select = page.get_by_label(label)
    value = select.locator("option", has_text=containing).first.get_attribute("value")
    assert value, f"no option with {containing!r} in {label!r}"
    select.select_option(value)


def succeeded(page: Page) -> str:
    """Waits for the success message and returns the public page it links to."""
    done = page.locator("[data-success]")
    expect(done).to_be_visible()
    link = done.get_by_role("link", name="Xem trên trang công khai")
    href = link.get_attribute("href")
    assert href is not None
    assert href.startswith("#/")
    return href


def public_page_shows(page: Page, server: PortalServer, href: str, *texts: str) -> None:
    """Follows the success message's link: the public page shows the act, with no token."""
    page.evaluate("sessionStorage.removeItem('socai.token')")
    page.goto(f"{server.base}/portal/{href}")
    settled(page)
    for text in texts:
        expect(page.locator("main")).to_contain_text(text)


def test_sign_in_shows_the_role_and_only_its_acts_and_sign_out_forgets_the_token(
    server: PortalServer, page: Page
) -> None:
    visit(page, server, "officer")
    token_field = page.get_by_label("Mã truy cập (token)")
    # By keyboard alone: the field is focusable and Enter sends the form.
    token_field.focus()
    page.keyboard.type(server.tokens["office"])
    page.keyboard.press("Enter")
    who = page.locator(".officer-who")
    expect(who).to_contain_text("Văn phòng Đảng ủy")
    expect(who).to_contain_text("Toàn xã (không gắn với đơn vị)")
    links = page.locator("[data-act-link]")
    expect(links).to_have_count(4)
    assert sorted(links.evaluate_all("ls => ls.map(l => l.dataset.actLink)")) == [
        "answer",
        "assign",
        "progress",
        "resolve",
    ]
    screenshot(page, server, "officer-workspace", readme=True)

    page.get_by_role("button", name="Đăng xuất").click()
    expect(page.get_by_label("Mã truy cập (token)")).to_be_visible()
    assert page.evaluate("sessionStorage.getItem('socai.token')") is None

    sign_in(page, server, "committee")
    expect(who).to_contain_text("Ban Thường vụ")
    assert sorted(links.evaluate_all("ls => ls.map(l => l.dataset.actLink)")) == [
        "commend",
        "recognize",
    ]
    page.get_by_role("button", name="Đăng xuất").click()
    sign_in(page, server, "auditor")
    expect(who).to_contain_text("Kiểm toán viên (chỉ đọc)")
    expect(page.locator(".officer-acts")).to_contain_text(
        "Mã này không được ghi việc nào trong số các việc của không gian này."
    )


def test_a_token_the_server_refuses_is_said_in_words_and_not_kept(
    server: PortalServer, browser: Browser
) -> None:
    # Its own context: Chromium logs the server's 401 as a console error, which the `page`
    # fixture counts as a fault of the page.
    context = browser.new_context(locale="vi-VN")
    try:
        page = context.new_page()
        visit(page, server, "officer")
        page.get_by_label("Mã truy cập (token)").fill("not-a-token-of-this-server")
        page.get_by_role("button", name="Đăng nhập").click()
        expect(page.locator("#officer-token-error")).to_have_text(
            "Máy chủ không chấp nhận mã này (không đúng, đã thu hồi hoặc hết hạn)."
        )
        expect(page.get_by_label("Mã truy cập (token)")).to_have_attribute("aria-invalid", "true")
        assert page.evaluate("sessionStorage.getItem('socai.token')") is None
        expect(page.locator(".officer-who")).to_have_count(0)
    finally:
        context.close()


def test_a_revoked_token_is_signed_out_when_the_workspace_is_opened_again(
    server: PortalServer, browser: Browser
) -> None:
    made = server.cli("token create --role office --name 'Văn phòng (thử)'")
    token_id = re.search(r"Token (\w+) for role office", made)
    secret = re.search(r"^(socai_\S+)$", made, re.MULTILINE)
    assert token_id is not None
    assert secret is not None
    context = browser.new_context(locale="vi-VN")  # the 401 is logged as a console error
    try:
        page = context.new_page()
        visit(page, server, "officer")
        page.get_by_label("Mã truy cập (token)").fill(secret.group(1))
        page.get_by_role("button", name="Đăng nhập").click()
        expect(page.locator(".officer-who")).to_contain_text("Văn phòng Đảng ủy")
        server.cli(f"token revoke {token_id.group(1)}")
        page.reload()
        settled(page)
        expect(page.locator("main")).to_contain_text(
            "Máy chủ không còn chấp nhận mã truy cập. Hãy đăng nhập lại."
        )
        expect(page.get_by_label("Mã truy cập (token)")).to_be_visible()
        assert page.evaluate("sessionStorage.getItem('socai.token')") is None
    finally:
        context.close()


def test_a_role_without_the_permission_does_not_see_the_form(
    server: PortalServer, page: Page
) -> None:
    visit(page, server, "officer/assign")
    expect(page.locator("main")).to_contain_text("Hãy đăng nhập bằng mã truy cập trước.")
    expect(page.locator("form[data-act=assign]")).to_have_count(0)

    sign_in(page, server, "inspector")
    expect(page.locator("[data-act-link=assign]")).to_have_count(0)
    for act in ("assign", "progress", "recognize", "commend", "answer"):
        visit(page, server, f"officer/{act}")
        expect(page.locator("[data-not-permitted]")).to_have_text(
            "Vai trò của mã này không được ghi việc này."
        )
        expect(page.locator("form.act-form")).to_have_count(0)
    screenshot(page, server, "officer-not-permitted")


def test_office_assigns_a_task_and_reports_its_progress_with_evidence(
    server: PortalServer, page: Page
) -> None:
    lead = village(server, "demo-thon-an-lac")
    title = unique("Lắp đèn chiếu sáng ngõ xóm")
    sign_in(page, server, "office")
    open_act(page, server, "assign")
    page.get_by_label("Tên nhiệm vụ").fill(title)
    page.get_by_label("Lĩnh vực").select_option(index=1)
    page.get_by_label("Giai đoạn").select_option(index=1)
    choose(page, "Đơn vị chủ trì", f"({lead['code']})")
    due = page.get_by_label("Hạn hoàn thành")
    due_error = page.locator("[data-field=dueDate] .field-error")
    before = position(server)
    due.fill("31/02/2026")
    page.get_by_role("button", name="Giao nhiệm vụ").click()
    expect(due_error).to_have_text("Nhập ngày theo dạng ngày/tháng/năm, ví dụ 31/12/2026.")
    program = server.gql("{ program { periodEnd } }")["program"]
    after_the_program = int(program["periodEnd"][:4]) + 1
    due.fill(f"15/01/{after_the_program}")
    page.get_by_role("button", name="Giao nhiệm vụ").click()
    expect(due_error).to_contain_text("Ngày phải trong thời gian của Chương trình")
    assert position(server) == before
    due.fill("20/12/2026")
    page.get_by_label("Căn cứ (văn bản, ghi chú)").fill("Kế hoạch 12-KH/ĐU")
    screenshot(page, server, "officer-assign-form", readme=True)
    page.get_by_role("button", name="Giao nhiệm vụ").click()
    href = succeeded(page)
    expect(page.locator("[data-success]")).to_contain_text(title)
    assert href == f"#/unit/{lead['id']}"
    tasks = server.gql(PUBLIC_TASKS, {"unit": lead["id"]})["tasks"]["nodes"]
    assert [t["title"] for t in tasks].count(title) == 1

    open_act(page, server, "progress")
    choose(page, "Nhiệm vụ", title)
    page.get_by_label("Phần trăm hoàn thành").fill("40")
    page.get_by_label("Tóm tắt kết quả").fill("Đã lắp 12 trên 30 bóng đèn")
    page.get_by_label("Minh chứng").fill("BB 03/2026\nẢnh hiện trường 14/11")
    page.get_by_role("button", name="Gửi báo cáo").click()
    href = succeeded(page)
    expect(page.locator("[data-success]")).to_contain_text("40%")
    screenshot(page, server, "officer-progress-done")
    task = next(
        t
        for t in server.gql(PUBLIC_TASKS, {"unit": lead["id"]})["tasks"]["nodes"]
        if t["title"] == title
    )
    assert task["percent"] == 40
    assert task["lastEvidence"] == ["BB 03/2026", "Ảnh hiện trường 14/11"]
    public_page_shows(page, server, href, title)


def test_committee_recognizes_a_model_and_issues_a_commendation(
    server: PortalServer, page: Page
) -> None:
    candidacies = server.gql(
        """{ candidacies(state: ASSESSED, first: 200) { nodes { id
            unit { id name } modelType { nameVi } lastAssessment { passed } } } }"""
    )["candidacies"]["nodes"]
    candidacy = next(c for c in candidacies if c["lastAssessment"]["passed"])
    unit = candidacy["unit"]
    achievement = unique("Dẫn đầu phong trào xây dựng nông thôn mới")
    proposed = server.gql(
        """mutation($input: ProposeCommendationInput!) { proposeCommendation(input: $input) {
            __typename ... on CommendationChanged { commendation { id } } } }""",
        {
            "input": {
                "idempotencyKey": str(uuid.uuid4()),
                "recipientKind": "UNIT",
                "recipientUnitId": unit["id"],
                "form": "Giấy khen của Ban Chấp hành Đảng bộ xã",
                "achievement": achievement,
            }
        },
        role="office",
    )["proposeCommendation"]
    assert proposed["__typename"] == "CommendationChanged"

    sign_in(page, server, "committee")
    open_act(page, server, "recognize")
    choose(
        page,
        "Đơn vị và mô hình đã thẩm định",
        f"{unit['name']} — {candidacy['modelType']['nameVi']}",
    )
    recognized_by = f"QĐ {uuid.uuid4().int % 10**6}/QĐ-ĐU"
    page.get_by_label("Số quyết định").fill(recognized_by)
    page.get_by_label("Ngày quyết định").fill("20/11/2026")
    page.get_by_label("Hiệu lực đến ngày").fill("19/11/2029")
    page.get_by_role("button", name="Công nhận").click()
    href = succeeded(page)
    expect(page.locator("[data-success]")).to_contain_text("19/11/2029")
    assert href == f"#/unit/{unit['id']}"
    state = server.gql(
        "query($id: ID!) { candidacy(id: $id) { state decisionNumber validUntil } }",
        {"id": candidacy["id"]},
    )["candidacy"]
    assert state == {
        "state": "RECOGNIZED",
        "decisionNumber": recognized_by,
        "validUntil": "2029-11-19",
    }

    open_act(page, server, "commend")
    choose(page, "Đề nghị khen thưởng", achievement)
    issued_by = f"QĐ {uuid.uuid4().int % 10**6}/QĐ-ĐU"
    page.get_by_label("Số quyết định").fill(issued_by)
    page.get_by_label("Ngày quyết định").fill("21/11/2026")
    page.get_by_label("Cấp ra quyết định").fill("Ban Thường vụ Đảng ủy xã")
    page.get_by_role("button", name="Ban hành").click()
    href = succeeded(page)
    commendation = server.gql(
        "query($id: ID!) { commendation(id: $id) { status decisionNumber issuedBy } }",
        {"id": proposed["commendation"]["id"]},
    )["commendation"]
    assert commendation == {
        "status": "ISSUED",
        "decisionNumber": issued_by,
        "issuedBy": "Ban Thường vụ Đảng ủy xã",
    }
    assert href == f"#/unit/{unit['id']}"
    # The unit's public page: the commendation, and both decisions in its timeline.
    public_page_shows(page, server, href, achievement, recognized_by, issued_by)


def test_inspector_flags_a_shortcoming_and_resolves_it(server: PortalServer, page: Page) -> None:
    unit = village(server, "demo-thon-doai")
    finding = unique("Chưa lập sổ theo dõi an ninh trật tự")
    sign_in(page, server, "inspector")
    open_act(page, server, "flag")
    choose(page, "Đơn vị", f"({unit['code']})")
    page.get_by_label("Mức độ").select_option(label="Trung bình")
    page.get_by_label("Nội dung hạn chế").fill(finding)
    page.get_by_label("Nguồn phát hiện").fill("Kiểm tra định kỳ quý IV")
    page.get_by_role("button", name="Ghi nhận").click()
    href = succeeded(page)
    shortcomings = (
        "query($unit: ID!) { shortcomings(unitId: $unit) { nodes { id finding status } } }"
    )
    found = [
        s
        for s in server.gql(shortcomings, {"unit": unit["id"]})["shortcomings"]["nodes"]
        if s["finding"] == finding
    ]
    assert [s["status"] for s in found] == ["OPEN"]
    public_page_shows(page, server, href, finding)

    sign_in(page, server, "inspector")
    open_act(page, server, "resolve")
    choose(page, "Hạn chế đang mở", finding[:60])
    page.get_by_label("Kết quả khắc phục").fill("Đã lập sổ và giao người theo dõi")
    page.get_by_label("Minh chứng").fill("Sổ theo dõi số 01")
    page.get_by_role("button", name="Ghi nhận đã khắc phục").click()
    href = succeeded(page)
    resolved = [
        s
        for s in server.gql(shortcomings, {"unit": unit["id"]})["shortcomings"]["nodes"]
        if s["finding"] == finding
    ]
    assert [s["status"] for s in resolved] == ["RESOLVED"]
    public_page_shows(page, server, href, "Đã lập sổ và giao người theo dõi")


def submit_feedback(server: PortalServer, unit: dict[str, Any]) -> str:
    """A citizen's feedback about `unit`; returns its reference."""
    submitted = server.gql(
        """mutation($input: SubmitFeedbackInput!) { submitFeedback(input: $input) {
            __typename ... on FeedbackChanged { feedback { reference } } } }""",
        {
            "input": {
                "idempotencyKey": str(uuid.uuid4()),
                "channel": "ONLINE",
                "topic": unique("Đèn đường hỏng"),
                "text": "Đèn ở ngõ 3 không sáng",
                "unitId": unit["id"],
            }
        },
    )["submitFeedback"]
    reference: str = submitted["feedback"]["reference"]
    return reference


def test_office_answers_waiting_feedback_and_the_citizen_sees_the_answer(
    server: PortalServer, page: Page
) -> None:
    unit = village(server, "demo-thon-an-lac")
    topic = unique("Đường làng ngập nước")
    submitted = server.gql(
        """mutation($input: SubmitFeedbackInput!) { submitFeedback(input: $input) {
            __typename ... on FeedbackChanged { feedback { reference status } } } }""",
        {
            "input": {
                "idempotencyKey": str(uuid.uuid4()),
                "channel": "ONLINE",
                "topic": topic,
                "text": "Sau mưa lớn đường trục thôn ngập sâu",
                "unitId": unit["id"],
            }
        },
    )["submitFeedback"]
    reference = submitted["feedback"]["reference"]
    assert submitted["feedback"]["status"] == "SUBMITTED"

    sign_in(page, server, "office")
    open_act(page, server, "answer")
    choose(page, "Ý kiến đang chờ trả lời", reference)
    answer = "Xã đã bố trí kinh phí nạo vét rãnh thoát nước trong tháng 12"
    page.get_by_label("Nội dung trả lời").fill(answer)
    page.get_by_role("button", name="Gửi trả lời").click()
    href = succeeded(page)
    expect(page.locator("[data-success]")).to_contain_text(reference)
    followed = server.gql(
        "query($ref: String!) { feedbackByReference(reference: $ref) { status answer } }",
        {"ref": reference},
    )["feedbackByReference"]
    assert followed == {"status": "ANSWERED", "answer": answer}
    public_page_shows(page, server, href, answer)


def test_a_double_click_records_once(server: PortalServer, page: Page) -> None:
    lead = village(server, "demo-thon-cam-hoan")
    sign_in(page, server, "office")

    title = unique("Tổng vệ sinh môi trường")
    open_act(page, server, "assign")
    page.get_by_label("Tên nhiệm vụ").fill(title)
    page.get_by_label("Lĩnh vực").select_option(index=1)
    page.get_by_label("Giai đoạn").select_option(index=1)
    choose(page, "Đơn vị chủ trì", f"({lead['code']})")
    page.get_by_label("Hạn hoàn thành").fill("31/12/2026")
    before = position(server)
    page.get_by_role("button", name="Giao nhiệm vụ").dblclick()
    succeeded(page)
    titles = [t["title"] for t in server.gql(PUBLIC_TASKS, {"unit": lead["id"]})["tasks"]["nodes"]]
    assert titles.count(title) == 1
    assert position(server) == before + 1


def test_a_retry_after_a_lost_answer_reuses_the_key_and_records_once(
    server: PortalServer, browser: Browser
) -> None:
    # The answer is lost on the way back: the server recorded the act, the page saw a network
    # error. Sending again reuses the form's key, so the server answers with the first result.
    # Its own context: Chromium logs the reset connection as a console error.
    lead = village(server, "demo-thon-cam-hoan")
    title = unique("Ra quân dọn dẹp kênh mương")
    context = browser.new_context(locale="vi-VN")
    try:
        page = context.new_page()
        sign_in(page, server, "office")
        open_act(page, server, "assign")
        key = page.locator("form[data-act=assign]").get_attribute("data-idempotency-key")
        page.get_by_label("Tên nhiệm vụ").fill(title)
        page.get_by_label("Lĩnh vực").select_option(index=1)
        page.get_by_label("Giai đoạn").select_option(index=1)
        choose(page, "Đơn vị chủ trì", f"({lead['code']})")
        page.get_by_label("Hạn hoàn thành").fill("31/12/2026")
        sent: list[str] = []

        def lose_the_first_answer(route: Any) -> None:
            body = route.request.post_data_json
            if "assignTask(input" not in body["query"]:
                route.continue_()
                return
            sent.append(body["variables"]["input"]["idempotencyKey"])
            if len(sent) == 1:
                route.fetch()  # the server records it…
                route.abort("connectionreset")  # …and the page never hears back
            else:
                route.continue_()

        page.route("**/graphql", lose_the_first_answer)
        page.get_by_role("button", name="Giao nhiệm vụ").click()
        expect(page.locator(".form-error")).to_contain_text("Không kết nối được máy chủ")
        after_first = position(server)
        page.get_by_role("button", name="Giao nhiệm vụ").click()
        succeeded(page)
        assert sent == [key, key]
        assert position(server) == after_first
        titles = [
            t["title"] for t in server.gql(PUBLIC_TASKS, {"unit": lead["id"]})["tasks"]["nodes"]
        ]
        assert titles.count(title) == 1
    finally:
        context.close()


def test_errors_are_said_in_words_next_to_the_field_or_above_the_form(
    server: PortalServer, page: Page
) -> None:
    lead = village(server, "demo-thon-an-lac")
    task = server.gql(
        """mutation($input: AssignTaskInput!) { assignTask(input: $input) {
            __typename ... on TaskChanged { task { id title } } } }""",
        {
            "input": {
                "idempotencyKey": str(uuid.uuid4()),
                "title": unique("Sửa nhà văn hóa thôn"),
                "area": server.gql("{ program { taskAreas { code } } }")["program"]["taskAreas"][0][
                    "code"
                ],
                "phase": "phase-1",
                "leadUnitId": lead["id"],
                "dueDate": "2026-12-31",
            }
        },
        role="office",
    )["assignTask"]["task"]
    sign_in(page, server, "office")
    open_act(page, server, "progress")
    before = position(server)

    # Checked before sending: nothing leaves the page.
    choose(page, "Nhiệm vụ", task["title"])
    page.get_by_label("Phần trăm hoàn thành").fill("150")
    page.get_by_role("button", name="Gửi báo cáo").click()
    percent = page.locator("[data-field=percent] .field-error")
    expect(percent).to_have_text("Nhập một số từ 0 đến 100.")
    expect(page.locator("[data-field=summary] .field-error")).to_have_text("Ô này bắt buộc.")
    expect(page.get_by_label("Phần trăm hoàn thành")).to_have_attribute("aria-invalid", "true")
    expect(page.locator(".form-error")).to_have_text(
        "Biểu mẫu có 2 lỗi; hãy sửa các ô được đánh dấu."
    )
    screenshot(page, server, "officer-validation", readme=True)
    assert position(server) == before

    # Refused by the server: the task was completed meanwhile.
    completed = server.gql(
        """mutation($input: CompleteTaskInput!) { completeTask(input: $input) { __typename } }""",
        {"input": {"idempotencyKey": str(uuid.uuid4()), "taskId": task["id"]}},
        role="office",
    )["completeTask"]
    assert completed["__typename"] == "TaskChanged"
    page.get_by_label("Phần trăm hoàn thành").fill("60")
    page.get_by_label("Tóm tắt kết quả").fill("Đã sửa mái")
    page.get_by_role("button", name="Gửi báo cáo").click()
    expect(page.locator(".form-error")).to_have_text(
        "Nhiệm vụ đã hoàn thành; không báo cáo thêm được."
    )
    expect(percent).to_be_hidden()

    # The same in English, on the switch; the form keeps what was typed, and its key.
    key = page.locator("form[data-act=progress]").get_attribute("data-idempotency-key")
    rerendered(page, lambda: page.get_by_role("button", name="English").click())
    expect(page.get_by_label("Percent done")).to_be_visible()
    expect(page.get_by_label("Summary of results")).to_have_value("Đã sửa mái")
    assert page.locator("form[data-act=progress]").get_attribute("data-idempotency-key") == key
    page.get_by_label("Task").select_option(index=1)
    page.get_by_label("Percent done").fill("-3")
    page.get_by_role("button", name="Send the report").click()
    expect(percent).to_have_text("Enter a number from 0 to 100.")


def test_a_field_the_server_refuses_is_marked_in_words(server: PortalServer, page: Page) -> None:
    lead = village(server, "demo-thon-an-lac")
    sign_in(page, server, "office")
    open_act(page, server, "assign")
    page.get_by_label("Tên nhiệm vụ").fill(unique("Nạo vét kênh"))
    page.get_by_label("Lĩnh vực").select_option(index=1)
    page.get_by_label("Giai đoạn").select_option(index=1)
    choose(page, "Đơn vị chủ trì", f"({lead['code']})")
    page.get_by_label("Hạn hoàn thành").fill("31/12/2026")

    def blank_the_title(route: Any) -> None:
        # As if the page's own checks had let an empty title through: the server's say counts.
        body = route.request.post_data_json
        if "assignTask(input" in body["query"]:
            body["variables"]["input"]["title"] = "   "
            route.continue_(post_data=json.dumps(body))
        else:
            route.continue_()

    page.route("**/graphql", blank_the_title)
    before = position(server)
    page.get_by_role("button", name="Giao nhiệm vụ").click()
    expect(page.locator("[data-field=title] .field-error")).to_have_text("Ô này bắt buộc.")
    expect(page.get_by_label("Tên nhiệm vụ")).to_be_focused()
    assert position(server) == before


def test_a_reporter_is_offered_and_records_only_its_own_units_tasks(
    server: PortalServer, page: Page
) -> None:
    own = village(server, "demo-thon-dong")
    other = village(server, "demo-thon-doai")
    own_tasks = server.gql(PUBLIC_TASKS, {"unit": own["id"]})["tasks"]["nodes"]
    other_tasks = server.gql(PUBLIC_TASKS, {"unit": other["id"]})["tasks"]["nodes"]
    # A task of the other village that the reporter's village neither leads nor coordinates.
    tasks = {
        "demo-thon-dong": next(t for t in own_tasks if t["status"] == "OPEN"),
        "demo-thon-doai": next(
            t
            for t in other_tasks
            if t["status"] == "OPEN" and t["id"] not in {o["id"] for o in own_tasks}
        ),
    }
    feedback = {code: submit_feedback(server, village(server, code)) for code in tasks}
    # Who the token is and what it may choose are read, never probed with commands.
    sent: list[str] = []

    def note(request: Request) -> None:
        body = request.post_data_json if request.url.endswith("/graphql") else None
        if body:
            sent.append(body["query"])

    page.on("request", note)
    sign_in(page, server, "reporter")
    who = page.locator(".officer-who")
    expect(who).to_contain_text("Báo cáo viên của một đơn vị")
    expect(who.locator("[data-unit]")).to_have_text(own["name"])
    assert sorted(
        page.locator("[data-act-link]").evaluate_all("ls => ls.map(l => l.dataset.actLink)")
    ) == ["answer", "progress"]
    # The server refuses another unit's task to this token, so the form does not offer it.
    open_act(page, server, "progress")
    options = page.get_by_label("Nhiệm vụ").locator("option")
    expect(options.filter(has_text=tasks["demo-thon-dong"]["title"])).to_have_count(1)
    expect(options.filter(has_text=tasks["demo-thon-doai"]["title"])).to_have_count(0)
    # Nor another unit's feedback.
    open_act(page, server, "answer")
    options = page.get_by_label("Ý kiến đang chờ trả lời").locator("option")
    expect(options.filter(has_text=feedback["demo-thon-dong"])).to_have_count(1)
    expect(options.filter(has_text=feedback["demo-thon-doai"])).to_have_count(0)
    assert sent
    assert not [q for q in sent if q.lstrip().startswith("mutation")]

    open_act(page, server, "progress")
    choose(page, "Nhiệm vụ", tasks["demo-thon-dong"]["title"])
    page.get_by_label("Phần trăm hoàn thành").fill("95")
    page.get_by_label("Tóm tắt kết quả").fill("Chỉ còn nghiệm thu")
    page.get_by_role("button", name="Gửi báo cáo").click()
    succeeded(page)
    reported = next(
        t
        for t in server.gql(PUBLIC_TASKS, {"unit": own["id"]})["tasks"]["nodes"]
        if t["id"] == tasks["demo-thon-dong"]["id"]
    )
    assert (reported["percent"], reported["lastSummary"]) == (95, "Chỉ còn nghiệm thu")


def test_an_act_is_recorded_by_keyboard_alone_with_every_control_labelled(
    server: PortalServer, page: Page
) -> None:
    sign_in(page, server, "inspector")
    open_act(page, server, "flag")
    unlabelled = page.evaluate(
        """() => [...document.querySelectorAll("form.act-form :is(input, select, textarea)")]
            .filter((c) => c.labels.length !== 1 || !c.labels[0].textContent.trim())
            .map((c) => c.name)"""
    )
    assert unlabelled == []
    finding = unique("Biển báo khu dân cư bị che khuất")
    page.get_by_label("Đơn vị").focus()
    page.keyboard.press("ArrowDown")  # the first unit
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")  # the first severity
    page.keyboard.press("Tab")
    page.keyboard.type(finding)
    page.keyboard.press("Tab")  # source
    page.keyboard.press("Tab")  # reason
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Ghi nhận")).to_be_focused()
    page.keyboard.press("Enter")
    href = succeeded(page)
    expect(page.locator("[data-success]")).to_be_focused()
    public_page_shows(page, server, href, finding)


def test_the_forms_fit_a_phone(server: PortalServer, phone: Page) -> None:
    sign_in(phone, server, "office")
    open_act(phone, server, "progress")
    phone.get_by_label("Nhiệm vụ").select_option(index=1)
    phone.get_by_label("Phần trăm hoàn thành").fill("75")
    phone.get_by_label("Tóm tắt kết quả").fill("Đã hoàn thành 3 trên 4 hạng mục")
    phone.get_by_label("Minh chứng").fill("Biên bản nghiệm thu 05/2026")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
    for label in ("Nhiệm vụ", "Phần trăm hoàn thành", "Tóm tắt kết quả", "Minh chứng"):
        box = phone.get_by_label(label).bounding_box()
        assert box is not None
        assert 0 <= box["x"] <= box["x"] + box["width"] <= 360
    screenshot(phone, server, "officer-progress-phone", readme=True)
