"""The demo commune exercises the program's wider acts: every one of their views has content,
all marked as demo data."""

from __future__ import annotations

import demo
from domain.application import Ledger
from domain.personal import Sealed
from projections.feedback import all_feedback, progress_reports
from projections.history import list_history
from projections.indicators import scorecard
from projections.inspections import all_inspections
from projections.models import candidacies_of_unit
from projections.program import program_item, program_items
from projections.ratings import list_ratings
from projections.report import periodic_report
from projections.resources import list_funds, money_by_source
from projections.reviews import compare, list_reviews
from projections.shortcomings import list_shortcomings
from projections.tasks import list_tasks


def test_the_demo_records_every_act_of_the_program(ledger: Ledger) -> None:
    summary = demo.load(ledger)
    for kind in ("amendments", "reviews", "inspections", "feedback", "testimonies", "ratings"):
        assert summary.counts[kind] > 0, kind
    with ledger.reading() as sql:
        models = {m["code"] for m in program_items(sql, kind="model_type")}
        assert {"camera-an-ninh", "khu-dan-cu-an-toan", "chi-bo-kieu-mau"} <= models
        revised = program_item(sql, kind="criterion", code="commune-7")
        assert revised is not None
        assert revised["version"] == 2
        tien_hoi = candidacies_of_unit(sql, str(demo.unit("thon-tien-hoi")))
        security = next(c for c in tien_hoi if c["model_type"] == "khu-dan-cu-an-toan")
        assert security["state"] == "recognized"
        judged_at = security["last_assessment"]["assessed_position"]
        then = program_item(sql, kind="criterion", code="commune-7", at=judged_at)
        assert then is not None
        assert then["version"] == 1

        earlier, later = list_reviews(sql)
        assert (earlier["kind"], later["kind"]) == ("yearly", "preliminary")
        changed = {c["key"] for c in compare(sql, earlier, later)["changes"]}
        assert {"tasks.total", "feedback.received", "inspections.planned"} <= changed

        inspections = all_inspections(sql)
        assert {i["status"] for i in inspections} == {"closed", "conducted"}
        kinds = [f["kind"] for i in inspections for f in i["findings"]]
        assert kinds.count("good_practice") == 2
        flagged = [s for s in list_shortcomings(sql, first=100).rows if s["disciplines"]]
        # The member's name and discipline are sealed in the view: ciphertext, no plaintext.
        discipline = flagged[0]["disciplines"][0]
        assert (discipline["subject_name"], set(discipline["sealed_name"])) == (None, {"$sealed"})
        assert (discipline["outcome"], discipline["grounds"]) == ("", "")
        outcome = Sealed.from_json(discipline["sealed_outcome"])
        assert outcome is not None
        assert ledger.keyring.open(outcome) == "imposed"

        feedback = all_feedback(sql)
        assert {f["status"] for f in feedback} == {
            "closed",
            "answered",
            "acknowledged",
            "submitted",
        }
        camera = next(
            t for t in list_tasks(sql, area="III.4", first=100).rows if "Camera" in t["title"]
        )
        assert any(r["disputes"] for r in progress_reports(sql, camera["id"]))

        assert {f["target_kind"] for f in list_funds(sql, year=2026)} == {"task", "model", "unit"}
        budget, socialized = money_by_source(sql, year=2026)
        assert budget["received"] > budget["spent"] > 0
        assert socialized["received"] == 1_275_000_000

        assert {r["subject_kind"] for r in list_ratings(sql, year=2026)} == {
            "organization",
            "member",
        }
        card = scorecard(sql, year=2026)
        assert sum(len(c["scores"]) for c in card) == 5
        assert {s["status"] for c in card for s in c["scores"]} >= {"met", "not_met"}

        report = periodic_report(sql, since="2026-01-01", until="2026-11-30")
        assert report is not None
        assert report["inspections"]["conducted"] == 2
        # The member's sealed outcome is opened to be counted, and named nowhere.
        assert report["shortcomings"]["disciplines_imposed"] == 1
        assert "Nguyễn Văn Tư" not in str(report)
        assert report["feedback"]["received"] == 5

        events = list_history(sql, first=200, after_position=400).rows
        assert all(e["reason"].startswith("[DEMO] ") for e in events)
        assert all(e["actor_id"].startswith("demo:") for e in events)
