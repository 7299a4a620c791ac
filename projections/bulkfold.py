"""The rebuild's shortcut for its commonest event: a progress report (three quarters of a
generated log) folded, and its history entry made, straight from its stored fields.

`FastDecoder.decode_bulk` hands such a row over as a `ProgressReport` only when its stored
state has exactly the shape the mapper writes for the event's current class version; anything
else becomes an event object as usual. The rows come from the same builders the live handlers
call (`tasks.fold_progress`, `feedback.put_progress_report`), and `shortcut_holds` checks that
those handlers are still the only ones for the event, and its fields the ones read here: if
not, the rebuild takes no shortcut.
"""

from __future__ import annotations

from domain.task import Task
from projections import feedback, tasks
from projections.decode import ProgressReport
from projections.fold import ALSO, HANDLERS, Touched, data_fields, stream_of_class
from projections.viewstore import HistoryEntry, ViewStore

_EVENT = Task.ProgressReported


def shortcut_holds() -> bool:
    return (
        HANDLERS.get(_EVENT) is tasks._progress
        and ALSO.get(_EVENT) == [feedback._progress_report]
        and data_fields(_EVENT) == ("percent", "summary", "evidence")
    )


def fold_report(report: ProgressReport, store: ViewStore) -> Touched:
    """What `fold.fold_event` does with the event: its task, then its own row."""
    reported_on = report.effective_date or report.recorded_on
    touched = tasks.fold_progress(
        store, report.task_id, report.percent, report.summary, report.evidence, reported_on
    )
    feedback.put_progress_report(
        store,
        report.task_id,
        report.version,
        report.percent,
        report.summary,
        report.evidence,
        reported_on,
        report.actor_id,
    )
    return touched


def report_history_entry(report: ProgressReport, position: int, touched: Touched) -> HistoryEntry:
    """What `fold.history_entry` makes of the event."""
    return HistoryEntry(
        position,
        report.recorded_at,
        stream_of_class(_EVENT),
        report.task_id,
        report.version,
        _EVENT.__name__,
        report.actor_id,
        report.actor_role,
        report.effective_date,
        report.reason,
        report.correlation_id,
        touched.summary,
        touched.units,
        {"percent": report.percent, "summary": report.summary, "evidence": list(report.evidence)},
    )
