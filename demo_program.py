"""The demo commune's year, continued: the program's wider acts — amendments, reviews,
inspections and discipline, citizens' feedback and testimonies, money, ratings and
indicators — written as text tables in the same form and with the same marks as `demo`."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from uuid import UUID

from demo import (
    COMMITTEE,
    FORMS,
    INSPECTOR,
    OFFICE,
    TASKS,
    Act,
    Lookup,
    Ref,
    code,
    marked,
    model_acts,
    records,
    reporter,
    unit,
)
from domain.application import Ledger
from domain.authority import Actor, Role
from projections.inspections import get_inspection

CITIZEN = Actor("demo:citizen", Role.PUBLIC)

# --- Amendments -------------------------------------------------------------------------
# date, act, code, then for "add-model" the unit kinds and the target ("all" or a count) and
# a line "name | target text"; for "revise-criterion" a line with the new wording; for
# "revise-target" the new count and a line with the target text. Then the reason.
AMENDMENTS = """
2026-02-10 add-model camera-an-ninh village all
  Camera an ninh | 100% thôn có hệ thống “Camera an ninh” kết nối Công an xã
  Bổ sung mô hình an ninh theo mục III.4 của Chương trình
2026-02-10 add-model khu-dan-cu-an-toan village all
  Khu dân cư an toàn | 100% thôn đạt “Khu dân cư an toàn về an ninh, trật tự”
  Bổ sung mô hình an ninh theo mục III.4 của Chương trình
2026-02-10 add-model chi-bo-kieu-mau party_cell 6
  Chi bộ kiểu mẫu | 06 chi bộ thôn kiểu mẫu (mô hình điểm giai đoạn 2025 - 2026)
  Mô hình điểm giai đoạn 2025 - 2026 (mục IV.1)
2026-11-28 revise-criterion commune-7
  Quốc phòng, an ninh được giữ vững; trật tự, an toàn xã hội được bảo đảm từ cơ sở.
  Hoàn thiện tiêu chí sau sơ kết năm 2026
2026-11-28 revise-target green-business 6
  Mô hình “Cơ sở kinh doanh dịch vụ thân thiện với môi trường” tại 06 Cơ sở
  Nâng chỉ tiêu sau sơ kết năm 2026
"""

# The model added above, built like the others (see `demo.MODELS`); its first criterion is the
# commune's criterion (7), so the assessment keeps the wording it had before the revision.
SECURITY_MODELS = """
khu-dan-cu-an-toan
  criterion | commune-7
  criterion | Không phát sinh tội phạm nghiêm trọng trong năm
  criterion | Tổ tự quản hoạt động thường xuyên
  2026-03-01 | enrol | thon-tien-hoi thon-quang-trung
  2026-10-28 | assess | thon-tien-hoi | pass | Đạt cả 3 tiêu chí
  2026-10-29 | assess | thon-quang-trung | fail 2 | Còn vụ trộm cắp tài sản
  2026-11-05 | recognize | thon-tien-hoi | QĐ 232/QĐ-UBND
"""

# --- Reviews ----------------------------------------------------------------------------
# kind, year reviewed, held on; then the title, then the conclusions.
REVIEWS = """
yearly 2025 2026-01-20
  Tổng kết năm 2025, triển khai Chương trình hành động năm 2026
  Kiện toàn các đơn vị của xã; quán triệt Chương trình hành động đến các chi bộ.
preliminary 2026 2026-11-27
  Sơ kết năm 2026 Chương trình hành động
  Hoàn thành cơ bản các mô hình điểm; hoàn thiện tiêu chí (7), nâng chỉ tiêu cơ sở xanh.
"""

# --- Inspections ------------------------------------------------------------------------
# ref, kind, planned on, from, to, units; then the title, the scope, and in date order:
# "conduct | date | summary | evidence", "finding | date | unit | kind [severity] | text",
# "commend | date | finding | form", "discipline | date | finding | subject | name | form |
# grounds" (against the shortcoming the finding flagged), "decide | date | finding | outcome |
# form | decision" (its first discipline), "close | date | text".
INSPECTIONS = """
kt1 inspection 2026-04-01 2026-04-01 2026-04-30 chi-bo-tien-hoi,chi-bo-cam-hoan,chi-bo-dong
  Kiểm tra việc sinh hoạt chi bộ và thực hiện Chương trình hành động
  Nội dung, chất lượng sinh hoạt chi bộ; việc quán triệt Chương trình hành động
  conduct | 2026-04-20 | Đã kiểm tra 3 chi bộ, làm việc với bí thư | BB 04/BB-UBKT
  finding | 2026-04-20 | chi-bo-cam-hoan | shortcoming moderate | Biên bản sinh hoạt chưa đủ
  finding | 2026-04-20 | chi-bo-dong | good_practice | Sinh hoạt chuyên đề “nói thật, làm thật”
  commend | 2026-04-25 | 2 | gk-dang-uy
  discipline | 2026-05-05 | 1 | member | Đảng viên Nguyễn Văn Tư | reprimand | Không ghi biên bản
  decide | 2026-05-20 | 1 | imposed | reprimand | QĐ 08-QĐ/UBKT
  close | 2026-05-25 | Cơ bản thực hiện tốt; chi bộ Cẩm Hoàn khắc phục trong quý II
gs1 supervision 2026-08-01 2026-08-15 2026-09-15 tthcc,phong-kt
  Giám sát chuyên đề thực hiện mô hình “Chính quyền thân thiện”
  Giải quyết thủ tục hành chính và mức độ hài lòng của người dân
  conduct | 2026-09-10 | Đã giám sát tại Bộ phận một cửa, Phòng Kinh tế | BC 06/BC-UBKT
  finding | 2026-09-10 | tthcc | good_practice | Tổ hỗ trợ người cao tuổi làm thủ tục trực tuyến
"""

# --- Citizens' feedback -----------------------------------------------------------------
# ref, channel, unit it is about, submitted on; then "topic | text | name | contact" ("-" for
# none), then "ack | date", "answer | date | answer" (by the unit's reporter), "close | date".
FEEDBACK = """
gy1 online thon-du-le 2026-07-18
  Rác thải | Rác đổ dọc đê thôn Du Lễ gây ô nhiễm | Nguyễn Văn Năm | 0912 000 001
  ack | 2026-07-20
  answer | 2026-07-29 | Xã bố trí điểm tập kết, thu gom 2 lần/tuần; thôn vận động nhân dân
  close | 2026-08-05
gy2 phone thon-quang-trung 2026-08-12
  An ninh trật tự | Có người lạ tụ tập ban đêm tại nhà văn hóa thôn | - | -
  ack | 2026-08-13
  answer | 2026-08-16 | Công an xã đã tăng cường tuần tra, phối hợp với tổ tự quản
gy3 letter phong-kt 2026-10-02
  Bồi thường | Đề nghị công khai phương án bồi thường cụm công nghiệp | Trần Thị Sáu | Xóm 3
  ack | 2026-10-05
gy4 meeting thon-dong 2026-11-10
  Đèn chiếu sáng | Đề nghị lắp thêm đèn chiếu sáng ngõ 5 thôn Đông | - | -
gy5 online tthcc 2026-06-03
  Thủ tục hành chính | Đề nghị hướng dẫn nộp hồ sơ trực tuyến cho người cao tuổi | Lê Văn Bảy | -
  ack | 2026-06-04
  answer | 2026-06-06 | Bộ phận một cửa bố trí tổ hỗ trợ vào sáng thứ Bảy hằng tuần
"""

# task, which of its progress reports (1 = the first), stance, given on, name ("-" for none);
# then the text.
TESTIMONIES = """
t28 2 dispute 2026-09-25 Lê Văn Tám
  Ngõ 5 và ngõ 7 thôn An Lạc chưa có camera như báo cáo
t03 3 confirm 2026-06-29 -
  Bộ phận một cửa có máy đánh giá hài lòng, cán bộ hướng dẫn tận tình
t21 1 confirm 2026-03-08 -
  Lễ hội Vật cầu tổ chức an toàn, đông vui
"""

# --- Money ------------------------------------------------------------------------------
# date, act, target (task:ref, model:code, unit:alias), amount in đồng; then for a budget
# "sector | decision", a contribution "contributor kind | name", an expenditure
# "source | purpose | evidence".
MONEY = """
2026-03-05 budget task:t19 150000000
  Văn hóa - Thông tin | QĐ 35/QĐ-UBND
2026-03-10 contribution task:t19 1200000000
  business | Công ty TNHH May mặc Nghi Dương
2026-03-12 contribution task:t19 45000000
  person | Ông Đỗ Văn Khải
2026-07-10 expenditure task:t19 120000000
  budget | Tường bao, sân hành lễ Đền Mỗ | HĐ 12/2026/HĐ-XD
2026-09-05 expenditure task:t19 800000000
  socialized | Tu bổ hậu cung Đền Mỗ | HĐ 19/2026/HĐ-XD
2026-03-02 budget task:t28 460000000
  Quốc phòng - An ninh | QĐ 41/QĐ-UBND
2026-06-10 expenditure task:t28 320000000
  budget | Lắp 64 camera an ninh | HĐ 08/2026/HĐ-MS
2026-04-05 budget model:culture-club 96000000
  Văn hóa - Thông tin | QĐ 52/QĐ-UBND
2026-10-30 expenditure model:culture-club 72000000
  budget | Nhạc cụ, trang phục cho 9 câu lạc bộ | HĐ 21/2026/HĐ-MS
2026-02-20 budget unit:thcs 85000000
  Giáo dục - Đào tạo | QĐ 30/QĐ-UBND
2026-05-10 contribution unit:thcs 30000000
  organization | Hội Khuyến học xã
"""

# --- Ratings ----------------------------------------------------------------------------
# party cell, subject, level, rated on, member's name for a member; then "criterion | note".
RATINGS = """
chi-bo-dong organization excellent 2026-11-26
  person-1 | Chi bộ giữ vững nền nếp sinh hoạt, đảng viên gương mẫu
  person-4 | Đoàn kết, kỷ cương; sinh hoạt chuyên đề có chất lượng
chi-bo-cam-hoan organization completed 2026-11-26
  person-4 | Tỷ lệ đảng viên dự sinh hoạt còn thấp
chi-bo-dong member good 2026-11-26 Đảng viên Phạm Văn Chín
  person-1 | Gương mẫu, trách nhiệm với quê hương
  person-2 | Trung thực, gần dân
  person-3 | Tích cực học tập, ứng dụng công nghệ số
  person-4 | Hoàn thành tốt nhiệm vụ được giao
  person-5 | Nhân ái, tự lực
"""

# --- Indicators -------------------------------------------------------------------------
# code, criterion, direction, baseline, baseline year, unit of measure; then the name,
# "targets | year value | …", and measurements "date | period | value | source | evidence".
INDICATORS = """
ho-so-truc-tuyen commune-5 increase 28 2025 %
  Tỷ lệ hồ sơ thủ tục hành chính nộp trực tuyến toàn trình
  targets | 2026 80 | 2027 85 | 2030 95
  2026-04-05 | 2026-Q1 | 28 | Cổng dịch vụ công | Số liệu quý I
  2026-07-05 | 2026-Q2 | 52 | Cổng dịch vụ công | Số liệu quý II
  2026-10-05 | 2026-Q3 | 71 | Cổng dịch vụ công | Số liệu quý III
ho-ngheo commune-1 decrease 2.1 2025 %
  Tỷ lệ hộ nghèo
  targets | 2026 1.5 | 2030 0.5
  2026-07-15 | 2026-06 | 1.72 | Rà soát hộ nghèo giữa năm | BC 27/BC-VHXH
thu-gom-rac commune-8 increase 65 2025 %
  Tỷ lệ rác thải sinh hoạt được thu gom, xử lý
  targets | 2026 90 | 2030 100
  2026-07-10 | 2026-Q2 | 84.5 | Phòng Kinh tế | BC 26/BC-PKT
  2026-10-10 | 2026-Q3 | 91.2 | Phòng Kinh tế | BC 36/BC-PKT
thon-an-toan commune-7 increase 5 2025 thôn
  Số thôn đạt “Khu dân cư an toàn về an ninh, trật tự”
  targets | 2026 8 | 2030 12
  2026-10-30 | 2026 | 7 | Công an xã | BC 40/BC-CAX
di-san-so commune-2 increase 0 2025 hiện vật
  Số hiện vật, sắc phong được số hóa
  targets | 2026 150
  2026-09-10 | 2026-Q3 | 120 | Phòng Văn hóa - Xã hội | BC 17/BC-VHXH
"""


def flagged_by_finding(ref: str, number: int) -> Lookup:
    """The shortcoming an inspection's finding flagged, read from the inspections view."""

    def find(ledger: Ledger, ids: Mapping[str, UUID]) -> UUID:
        with ledger.reading() as sql:
            row = get_inspection(sql, str(ids[ref]))
        assert row is not None, "the inspection was planned by an earlier act"
        return UUID(row["findings"][number - 1]["shortcoming_id"])

    return Lookup(find)


def _none(text: str) -> str | None:
    return None if text == "-" else text


def amendment_acts() -> Iterator[Act]:
    for record in records(AMENDMENTS):
        on, what, item, *rest = record.head
        why = record.lines[-1][0]
        step = f"amend:{what}:{item}"
        if what == "add-model":
            kinds, target = rest
            name, target_text = record.lines[0]
            counted = target != "all"
            yield Act(
                on,
                step,
                COMMITTEE,
                why,
                "add_model_type",
                {
                    "code": item,
                    "name_vi": name,
                    "name_en": "",
                    "unit_kinds": kinds.split(","),
                    "target_kind": "count" if counted else "all_units_of_kind",
                    "target_count": int(target) if counted else None,
                    "target_text_vi": target_text,
                    "target_text_en": "",
                },
            )
        elif what == "revise-criterion":
            args = {"code": item, "text_vi": record.lines[0][0], "text_en": ""}
            yield Act(on, step, COMMITTEE, why, "revise_criterion", args)
        else:
            (count,) = rest
            yield Act(
                on,
                step,
                COMMITTEE,
                why,
                "revise_target",
                {
                    "model_type": item,
                    "target_kind": "count",
                    "target_count": int(count),
                    "target_text_vi": record.lines[0][0],
                    "target_text_en": "",
                },
            )


def review_acts() -> Iterator[Act]:
    for record in records(REVIEWS):
        kind, year, held_on = record.head
        ((title,), (conclusions,)) = record.lines
        yield Act(
            held_on,
            f"review:{kind}:{year}",
            OFFICE,
            "Hội nghị của Ban Thường vụ Đảng ủy",
            "hold_review",
            {
                "kind": kind,
                "year": int(year),
                "title": title,
                "held_on": date.fromisoformat(held_on),
                "conclusions": conclusions,
            },
        )


def inspection_acts() -> Iterator[Act]:
    for record in records(INSPECTIONS):
        ref, kind, planned_on, starts, ends, aliases = record.head
        ((title,), (scope,), *steps) = record.lines
        inspection = Ref(ref)
        yield Act(
            planned_on,
            f"inspection:{ref}",
            INSPECTOR,
            "Kế hoạch kiểm tra, giám sát của Ủy ban Kiểm tra",
            "plan_inspection",
            {
                "kind": kind,
                "title": title,
                "scope": scope,
                "unit_ids": [unit(a) for a in aliases.split(",")],
                "starts_on": date.fromisoformat(starts),
                "ends_on": date.fromisoformat(ends),
            },
            creates=ref,
        )
        for n, (what, on, *rest) in enumerate(steps, 1):
            step = f"inspection:{ref}:{n}"
            if what == "conduct":
                summary, evidence = rest
                yield Act(
                    on,
                    step,
                    INSPECTOR,
                    "Đoàn kiểm tra làm việc tại đơn vị",
                    "conduct_inspection",
                    {
                        "inspection_id": inspection,
                        "conducted_on": date.fromisoformat(on),
                        "summary": summary,
                        "evidence": [marked(evidence)],
                    },
                )
            elif what == "finding":
                alias, found, text = rest
                finding_kind, *severity = found.split()
                yield Act(
                    on,
                    step,
                    INSPECTOR,
                    "Kết quả kiểm tra, giám sát",
                    "record_finding",
                    {
                        "inspection_id": inspection,
                        "unit_id": unit(alias),
                        "kind": finding_kind,
                        "text": text,
                        "severity": severity[0] if severity else None,
                    },
                )
            elif what == "commend":
                number, form = rest
                yield Act(
                    on,
                    step,
                    INSPECTOR,
                    "Đề nghị khen thưởng qua kiểm tra",
                    "commend_from_inspection",
                    {
                        "inspection_id": inspection,
                        "finding_number": int(number),
                        "form": FORMS[form],
                        "achievement": "",
                    },
                )
            elif what == "discipline":
                number, subject, name, form, grounds = rest
                yield Act(
                    on,
                    step,
                    INSPECTOR,
                    "Đề nghị xem xét kỷ luật",
                    "propose_discipline",
                    {
                        "shortcoming_id": flagged_by_finding(ref, int(number)),
                        "subject_kind": subject,
                        "subject_name": marked(name),
                        "form": form,
                        "grounds": grounds,
                    },
                )
            elif what == "decide":
                number, outcome, form, decision = rest
                yield Act(
                    on,
                    step,
                    COMMITTEE,
                    f"Quyết định kỷ luật {decision}",
                    "decide_discipline",
                    {
                        "shortcoming_id": flagged_by_finding(ref, int(number)),
                        "number": 1,
                        "outcome": outcome,
                        "form": form,
                        "decision_number": decision,
                        "decision_date": date.fromisoformat(on),
                    },
                )
            else:
                (conclusion,) = rest
                yield Act(
                    on,
                    step,
                    INSPECTOR,
                    "Thông báo kết luận kiểm tra",
                    "close_inspection",
                    {"inspection_id": inspection, "conclusion": conclusion},
                )


def feedback_acts() -> Iterator[Act]:
    for record in records(FEEDBACK):
        ref, channel, alias, submitted_on = record.head
        (topic, text, name, contact), *steps = record.lines
        yield Act(
            submitted_on,
            f"feedback:{ref}",
            CITIZEN,
            "Ý kiến của người dân",
            "submit_feedback",
            {
                "channel": channel,
                "topic": topic,
                "text": text,
                "unit_id": unit(alias),
                "submitter_name": marked(name) if name != "-" else None,
                "submitter_contact": _none(contact),
            },
            creates=f"feedback:{ref}",
        )
        feedback = Ref(f"feedback:{ref}")
        for what, on, *rest in steps:
            step = f"feedback:{ref}:{what}"
            if what == "ack":
                args = {"feedback_id": feedback, "note": "Đã tiếp nhận"}
                yield Act(
                    on, step, reporter(alias), "Tiếp nhận ý kiến", "acknowledge_feedback", args
                )
            elif what == "answer":
                args = {"feedback_id": feedback, "answer": rest[0]}
                yield Act(on, step, reporter(alias), "Trả lời ý kiến", "answer_feedback", args)
            else:
                args = {"feedback_id": feedback, "note": "Người dân đồng ý với kết quả"}
                yield Act(on, step, OFFICE, "Kết thúc xử lý ý kiến", "close_feedback", args)


def _report_version(task: str, report: int) -> int:
    """The task's version that recorded its n-th progress report: each line of a task in
    `demo.TASKS` after its title is one event, and the assignment is version 1."""
    (record,) = [r for r in records(TASKS) if r.head[0] == task]
    progress = [
        version
        for version, line in enumerate(record.lines[1:], 2)
        if line[0] not in ("complete", "cancel", "deadline", "reassign")
    ]
    return progress[report - 1]


def testimony_acts() -> Iterator[Act]:
    for record in records(TESTIMONIES, 5):
        task, report, stance, on, *name = record.head
        ((text,),) = record.lines
        yield Act(
            on,
            f"testimony:{task}:{report}:{stance}",
            CITIZEN,
            "Người dân xác nhận kết quả báo cáo" if stance == "confirm" else "Người dân phản ánh",
            "give_testimony",
            {
                "task_id": Ref(task),
                "report_version": _report_version(task, int(report)),
                "stance": stance,
                "text": text,
                "submitter_name": marked(name[0]) if name and name[0] != "-" else None,
                "submitter_contact": None,
            },
        )


def _target(given: str) -> tuple[str, object]:
    kind, _, key = given.partition(":")
    if kind == "task":
        return kind, Ref(key)
    if kind == "unit":
        return kind, str(unit(key))
    return kind, key


def money_acts() -> Iterator[Act]:
    for n, record in enumerate(records(MONEY), 1):
        on, what, target, amount = record.head
        kind, target_id = _target(target)
        (detail,) = record.lines
        base = {"target_kind": kind, "target_id": target_id, "year": 2026, "amount": int(amount)}
        step = f"money:{n}"
        if what == "budget":
            sector, decision = detail
            args = {**base, "sector": sector, "decision_ref": decision}
            yield Act(on, step, OFFICE, "Phân bổ dự toán", "allocate_budget", args)
        elif what == "contribution":
            contributor_kind, name = detail
            args = {
                **base,
                "contributor_kind": contributor_kind,
                "contributor_name": marked(name),
                "in_kind": "",
            }
            yield Act(on, step, OFFICE, "Tiếp nhận xã hội hóa", "receive_contribution", args)
        else:
            source, purpose, evidence = detail
            args = {
                **base,
                "source": source,
                "purpose": purpose,
                "spent_on": date.fromisoformat(on),
                "evidence": [marked(evidence)],
            }
            yield Act(on, step, OFFICE, "Chi theo dự toán", "record_expenditure", args)


def rating_acts() -> Iterator[Act]:
    for record in records(RATINGS, 5):
        alias, subject, level, on, *name = record.head
        yield Act(
            on,
            f"rating:{alias}:{subject}:{len(name)}",
            INSPECTOR,
            "Đánh giá, xếp loại cuối năm",
            "record_rating",
            {
                "subject_kind": subject,
                "unit_id": unit(alias),
                "member_name": marked(name[0]) if name else None,
                "year": 2026,
                "level": level,
                "notes": [{"criterion": c, "note": note} for c, note in record.lines],
            },
        )


def indicator_acts() -> Iterator[Act]:
    for record in records(INDICATORS, 6):
        ident, criterion, direction, baseline, year, measure = record.head
        (name,), (_, *targets), *measurements = record.lines
        yield Act(
            "2026-01-25",
            f"indicator:{ident}",
            OFFICE,
            "Bộ chỉ số theo dõi tiêu chí của xã",
            "define_indicator",
            {
                "code": code(ident),
                "criterion": criterion,
                "name_vi": name,
                "name_en": "",
                "unit_of_measure": measure,
                "direction": direction,
                "baseline": baseline,
                "baseline_year": int(year),
                "targets": {int(y): v for y, v in (t.split() for t in targets)},
            },
            creates=f"indicator:{ident}",
        )
        for on, period, value, source, evidence in measurements:
            yield Act(
                on,
                f"indicator:{ident}:{period}",
                OFFICE,
                "Cập nhật số liệu chỉ số",
                "measure_indicator",
                {
                    "indicator_id": Ref(f"indicator:{ident}"),
                    "period": period,
                    "value": value,
                    "source": source,
                    "evidence": [marked(evidence)],
                },
            )


def program_acts() -> list[Act]:
    return [
        *amendment_acts(),
        *model_acts(SECURITY_MODELS),
        *inspection_acts(),
        *feedback_acts(),
        *testimony_acts(),
        *money_acts(),
        *rating_acts(),
        *indicator_acts(),
        *review_acts(),
    ]
