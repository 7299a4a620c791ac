"""The rebuild's shortcut for its commonest event: a progress report (three quarters of a
generated log) folded, and its history entry made, straight from its stored fields.

`FastDecoder.decode_bulk` hands such a row over as a `ProgressReport` only when its stored
state has exactly the shape the mapper writes for the event's current class version; anything
else becomes an event object as usual. The rows come from the same builders the live handlers
call (`tasks.fold_progress`, `feedback.put_progress_report`), and `shortcut_holds` checks that
those handlers are still the only ones for the event, and its fields the ones read here: if
not, the rebuild takes no shortcut.

On a large log the history process also folds the progress reports' own rows (`SPLIT_VIEWS`,
by the `also` folds in `SPLIT_FOLDS`), which nothing but those folds reads or writes: a report
needs no other row, and the fold's process, the busier of the two, then keeps and writes only
the other views. `split_holds` checks that those folds are still the only `also` folds of
their events; each process's `FoldBuffer` refuses a view it does not hold, so a handler that
came to read or write a report's row elsewhere would stop the rebuild rather than be missed.
"""

from __future__ import annotations

from domain.task import Task
from domain.testimony import Testimony
from projections import feedback, tasks
from projections.decode import ProgressReport
from projections.fold import ALSO, HANDLERS, Also, Touched, data_fields, stream_of_class
from projections.viewstore import HistoryEntry, ViewStore

_EVENT = Task.ProgressReported
SPLIT_VIEWS = frozenset({feedback.PROGRESS_REPORTS.name})
SPLIT_FOLDS: tuple[Also, ...] = (feedback._progress_report, feedback._testimony_tally)


def shortcut_holds() -> bool:
    return (
        HANDLERS.get(_EVENT) is tasks._progress
        and ALSO.get(_EVENT) == [feedback._progress_report]
        and data_fields(_EVENT) == ("percent", "summary", "evidence")
    )


def split_holds() -> bool:
    """Whether the progress reports' rows are still written only by `SPLIT_FOLDS`, each the
    one `also` fold of its event."""
    return ALSO.get(_EVENT) == [feedback._progress_report] and ALSO.get(
        Testimony.TestimonyGiven
    ) == [feedback._testimony_tally]


def fold_report(report: ProgressReport, store: ViewStore) -> Touched:
    """What `fold.fold_event` does with the event: its task, then its own row."""
    touched = fold_report_task(report, store)
    put_report_row(report, store)
    return touched


def fold_report_task(report: ProgressReport, store: ViewStore) -> Touched:
    """The report's change to its task (`tasks._progress`)."""
    reported_on = report.effective_date or report.recorded_on
    return tasks.fold_progress(
        store, report.task_id, report.percent, report.summary, report.evidence, reported_on
    )


def put_report_row(report: ProgressReport, store: ViewStore) -> None:
    """The report's own row (`feedback._progress_report`)."""
    feedback.put_progress_report(
        store,
        report.task_id,
        report.version,
        report.percent,
        report.summary,
        report.evidence,
        report.effective_date or report.recorded_on,
        report.actor_id,
    )


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
