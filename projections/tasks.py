"""The task tracker: every task with its lead, coordinating units, deadline and progress."""

from __future__ import annotations

from collections.abc import Sequence

from domain.base import LedgerAggregate
from domain.task import Task
from domain.unit import Unit
from projections.fold import StaleRead, Touched, check, effective_or_recorded, on
from projections.read import Page, alive, doc, docs, page, read_docs
from projections.storage import Row, Sql
from projections.units import require_active, unit_name
from projections.viewstore import ViewStore, define_view

# `involved` is "|lead|coordinating…|": one indexed-column match finds a unit's tasks whatever
# its part in them, and stays exact because every id is fenced by the delimiter.
TASKS = define_view(
    "v_tasks",
    ("lead_unit_id", "TEXT"),
    ("area", "TEXT"),
    ("phase", "TEXT"),
    ("status", "TEXT"),
    ("due_date", "TEXT"),
    ("involved", "TEXT"),
)
# A task's link to each unit it involves, `involved` 1 while the unit leads or coordinates it
# and 0 once a reassignment took the unit off it. It changes only when a task is assigned or
# reassigned, and is indexed by unit over every version: the tasks a unit had at any past
# position are a seek away, where the task versions (one per progress report) would be scanned.
TASK_UNITS = define_view(
    "v_task_units",
    ("task_id", "TEXT"),
    ("unit_id", "TEXT"),
    ("involved", "INTEGER"),
    as_of=("unit_id",),
    current_indexes=False,
)


def _involved(lead: str, coordinating: Sequence[str]) -> str:
    return "|" + "|".join([lead, *coordinating]) + "|"


def _units(row: Row) -> tuple[str, ...]:
    return (row["lead_unit_id"], *row["coordinating_unit_ids"])


def _link(store: ViewStore, task_id: str, units: Sequence[str], involved: int) -> None:
    for unit in dict.fromkeys(units):
        link = {"id": f"{task_id}|{unit}", "task_id": task_id, "unit_id": unit}
        store.put(TASK_UNITS, {**link, "involved": involved})


def _current(store: ViewStore, e: Task.Event) -> Row:
    return _task(store, str(e.originator_id))


def _task(store: ViewStore, task_id: str) -> Row:
    row = store.get(TASKS, task_id)
    assert row is not None, "a task's later events follow its TaskAssigned"
    return row


@on(Task.TaskAssigned)
def _assigned(e: Task.TaskAssigned, store: ViewStore) -> Touched:
    lead = str(e.lead_unit_id)
    row: Row = {
        "id": str(e.originator_id),
        "title": e.title,
        "description": e.description,
        "area": e.area,
        "phase": e.phase,
        "lead_unit_id": lead,
        "coordinating_unit_ids": list(e.coordinating_unit_ids),
        "involved": _involved(lead, e.coordinating_unit_ids),
        "due_date": e.due_date.isoformat(),
        "percent": 0,
        "last_summary": None,
        "last_evidence": [],
        "last_reported_on": None,
        "progress_reports": 0,
        "status": "open",
        "assigned_on": effective_or_recorded(e),
        "completed_on": None,
        "cancelled_on": None,
    }
    store.put(TASKS, row)
    _link(store, row["id"], _units(row), 1)
    return Touched(
        _units(row),
        f"Task assigned: {e.title} ({e.area}, {e.phase}) to {unit_name(store, lead)}, "
        f"due {row['due_date']}",
    )


@on(Task.ProgressReported)
def _progress(e: Task.ProgressReported, store: ViewStore) -> Touched:
    return fold_progress(
        store, str(e.originator_id), e.percent, e.summary, e.evidence, effective_or_recorded(e)
    )


def fold_progress(
    store: ViewStore,
    task_id: str,
    percent: int,
    summary: str,
    evidence: Sequence[str],
    reported_on: str,
) -> Touched:
    """A progress report's change to its task (also called by the rebuild's bulk pass with the
    report's fields read straight from the stored event)."""
    row = _task(store, task_id)
    store.put(
        TASKS,
        {
            **row,
            "percent": percent,
            "last_summary": summary,
            "last_evidence": list(evidence),
            "last_reported_on": reported_on,
            "progress_reports": row["progress_reports"] + 1,
        },
    )
    return Touched(_units(row), f"Progress reported: {row['title']} at {percent}%")


@on(Task.DeadlineChanged)
def _deadline(e: Task.DeadlineChanged, store: ViewStore) -> Touched:
    row = _current(store, e)
    due = e.due_date.isoformat()
    store.put(TASKS, {**row, "due_date": due})
    return Touched(_units(row), f"Deadline changed: {row['title']} {row['due_date']} → {due}")


@on(Task.TaskReassigned)
def _reassigned(e: Task.TaskReassigned, store: ViewStore) -> Touched:
    row = _current(store, e)
    lead = str(e.lead_unit_id)
    new = {
        **row,
        "lead_unit_id": lead,
        "coordinating_unit_ids": list(e.coordinating_unit_ids),
        "involved": _involved(lead, e.coordinating_unit_ids),
    }
    store.put(TASKS, new)
    before, after = _units(row), _units(new)
    _link(store, row["id"], [u for u in before if u not in after], 0)
    _link(store, row["id"], [u for u in after if u not in before], 1)
    return Touched(
        tuple(dict.fromkeys((*before, *after))),
        f"Task reassigned: {row['title']} from {unit_name(store, row['lead_unit_id'])} "
        f"to {unit_name(store, lead)}",
    )


@on(Task.TaskCompleted)
def _completed(e: Task.TaskCompleted, store: ViewStore) -> Touched:
    row = _current(store, e)
    store.put(TASKS, {**row, "status": "completed", "completed_on": effective_or_recorded(e)})
    return Touched(_units(row), f"Task completed: {row['title']}")


@on(Task.TaskCancelled)
def _cancelled(e: Task.TaskCancelled, store: ViewStore) -> Touched:
    row = _current(store, e)
    store.put(TASKS, {**row, "status": "cancelled", "cancelled_on": effective_or_recorded(e)})
    return Touched(_units(row), f"Task cancelled: {row['title']}")


def _contains_unit(unit_id: str) -> str:
    """A LIKE pattern for one fenced id; wildcards in the given text match only themselves."""
    escaped = unit_id.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%|{escaped}|%"


def get_task(sql: Sql, task_id: str, at: int | None = None) -> Row | None:
    return doc(sql, TASKS, task_id, at=at)


def list_tasks(
    sql: Sql,
    *,
    unit_id: str | None = None,
    area: str | None = None,
    phase: str | None = None,
    status: str | None = None,
    overdue_on: str | None = None,
    after: tuple[str, str] | None = None,
    first: int = 50,
    at: int | None = None,
) -> Page:
    """Tasks by due date (then id), filtered; `unit_id` matches a lead or a coordinating unit,
    `overdue_on` keeps open tasks due before that ISO date, `after` is the last (due_date, id)."""
    where: list[str] = []
    params: list[object] = []
    for column, value in (("area", area), ("phase", phase), ("status", status)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    if unit_id is not None:
        where.append("involved LIKE ? ESCAPE '\\'")
        params.append(_contains_unit(unit_id))
    if overdue_on is not None:
        where.append("status = ? AND due_date < ?")
        params.extend(["open", overdue_on])
    if after is not None:
        where.append("(due_date > ? OR (due_date = ? AND id > ?))")
        params.extend([after[0], after[0], after[1]])
    rows = docs(sql, TASKS, where, params, at=at, order="due_date, id", limit=first + 1)
    return page(rows, first)


def tasks_of_unit(sql: Sql, unit_id: str, at: int | None = None) -> list[Row]:
    """Every task a unit leads or coordinates, by due date: the unit board's task list."""
    where = ["involved LIKE ? ESCAPE '\\'"]
    params: list[object] = [_contains_unit(unit_id)]
    tasks, units, history = (sql.table(n) for n in ("v_tasks", "history_units", "history"))
    links = sql.table(TASK_UNITS.name)
    complete = at is not None and _links_complete(sql)
    if at is not None and sql.dialect == "sqlite" and complete:
        # The unit's task links in force at `at` name its tasks then (a seek in the links'
        # unit index), and each task's version at `at` is found in its key's index: only that
        # row is read, with no scan of every version of every task.
        linked, link_params = alive(at, "l.")
        where.append(
            f"(id, pos_from) IN (SELECT l.task_id, (SELECT MAX(v.pos_from) FROM {tasks} AS v "
            "WHERE v.id = l.task_id AND v.pos_from <= ?) "
            f"FROM {links} AS l WHERE l.unit_id = ? AND l.involved = 1 AND {linked})"
        )
        params += [at, unit_id, *link_params]
    elif at is not None and sql.dialect == "sqlite":
        # Views built before the links: every task version that involves a unit was made by an
        # event whose history names the unit (an assignment or reassignment names the units
        # before and after), so the tasks the unit's history names up to `at` hold all its
        # tasks then; each one's version at `at` is found in its key's index.
        where.append(
            f"(id, pos_from) IN (SELECT t.id, (SELECT MAX(v.pos_from) FROM {tasks} AS v "
            "WHERE v.id = t.id AND v.pos_from <= ?) "
            f"FROM (SELECT DISTINCT h.stream_id AS id FROM {units} AS u "
            f"JOIN {history} AS h ON h.position = u.position "
            "WHERE u.unit_id = ? AND u.position <= ? AND h.stream = 'task') AS t)"
        )
        params += [at, unit_id, at]
    elif complete:
        # PostgreSQL's planner hash-joins the whole history for the read above; there the
        # unit's task links in force at `at` name its tasks then, and each task's version at `at` is
        # the last one begun by then, one backward step in the task's key index.
        linked, link_params = alive(at, "l.")
        statement = (
            f"SELECT t.doc FROM {links} AS l CROSS JOIN LATERAL "
            f"(SELECT v.doc, v.due_date, v.id, v.pos_to, v.involved FROM {tasks} AS v "
            "WHERE v.id = l.task_id AND v.pos_from <= ? ORDER BY v.pos_from DESC LIMIT 1) AS t "
            f"WHERE l.unit_id = ? AND l.involved = 1 AND {linked} "
            "AND (t.pos_to IS NULL OR t.pos_to > ?) AND t.involved LIKE ? ESCAPE '\\' "
            "ORDER BY t.due_date, t.id"
        )
        return read_docs(
            sql, statement, [at, unit_id, *link_params, at, _contains_unit(unit_id)], at
        )
    # Otherwise every version of the tasks is scanned.
    return docs(sql, TASKS, where, params, at=at, order="due_date, id")


def _links_complete(sql: Sql) -> bool:
    """Whether the task links go back to the first task: false in a store whose views were built
    before the links existed (it reads by scanning until `socai rebuild` builds them)."""
    tasks, history = sql.table("v_tasks"), sql.table("history")
    row = sql.one(
        f"SELECT (SELECT COUNT(*) FROM {sql.table(TASK_UNITS.name)} AS l, {tasks} AS t "
        "WHERE t.id = f.stream_id AND t.pos_from = f.position "
        "AND l.id = t.id || '|' || t.lead_unit_id AND l.pos_from = t.pos_from) AS linked "
        f"FROM (SELECT stream_id, position FROM {history} WHERE stream = 'task' "
        "ORDER BY position LIMIT 1) AS f"
    )
    return row is None or int(row["linked"]) > 0


@check
def _open_tasks_follow_their_units(sql: Sql, events: Sequence[LedgerAggregate.Event]) -> None:
    """A task is never given to a unit that merged or dissolved meanwhile, and a merge leaves
    no open task behind."""
    for e in events:
        if isinstance(e, Task.TaskAssigned):
            require_active(sql, [str(e.lead_unit_id), *e.coordinating_unit_ids])
        elif isinstance(e, Task.TaskReassigned):
            require_active(sql, [str(e.lead_unit_id)])
        elif isinstance(e, Unit.UnitMerged) and any(
            t["status"] == "open" for t in tasks_of_unit(sql, str(e.originator_id))
        ):
            raise StaleRead("a task was given to the merging unit while it merged")
