// One unit: what it stands at, and its timeline of events.
import { gql } from "../api.js";
import { h } from "../dom.js";
import { formatDate, formatDateTime, formatPercent } from "../format.js";
import { named, t } from "../i18n.js";
import { href } from "../links.js";
import {
  allPages,
  asOfInput,
  badge,
  dayOf,
  enumLabel,
  eventLabel,
  keep,
  momentLabel,
  percentBar,
  readAsOf,
  shortcomingList,
  table,
  timeTravel,
} from "./common.js";

const QUERY = `query UnitPage($id: ID!, $on: Date, $asOf: AsOf) {
  unit(id: $id, asOf: $asOf) {
    id code kind name status registeredOn endedOn
    parent { id name } mergedInto { id name }
  }
  board(unitId: $id, on: $on, asOf: $asOf) {
    models { id modelType { code nameVi nameEn } state validUntil decisionNumber }
    commendations { id form status achievement recipientKind recipientName decisionNumber }
    openShortcomings { id severity finding flaggedOn remediationPlan remediationDue }
    tasks { id title area dueDate percent status leadUnit { id name } }
    taskTally { total open completed overdue averagePercent }
    feedbackTally { received answered waiting }
  }
}`;

const HISTORY = `query UnitHistory($id: ID!, $after: String, $asOf: AsOf) {
  history(filter: {unitId: $id}, first: 200, after: $after, asOf: $asOf) {
    nodes { position recordedAt effectiveDate eventType actorRole reason summary }
    pageInfo { hasNextPage endCursor }
  }
}`;

export async function renderUnit(main, params, query) {
  const moment = readAsOf(query);
  const on = dayOf(moment);
  const [data, events] = await Promise.all([
    gql(QUERY, { id: params.id, on, asOf: asOfInput(moment) }),
    allPages(async (after) => {
      const page = await gql(HISTORY, { id: params.id, after, asOf: asOfInput(moment) });
      return page.history;
    }),
  ]);
  const unit = data.unit;
  if (!unit) {
    main.replaceChildren(
      h("h1", {}, t("unit.missing")),
      ...timeTravel(`unit/${params.id}`, query),
      h(
        "p",
        { class: "alert info" },
        moment ? t("unit.missingThen", { moment: momentLabel(moment) }) : t("unit.missingNow"),
      ),
      h("p", {}, h("a", { href: href("board", keep(moment)) }, t("unit.toBoard"))),
    );
    return;
  }
  const board = data.board;
  const tally = board?.taskTally;
  main.replaceChildren(
    h("p", { class: "small" }, h("a", { href: href("board", keep(moment)) }, t("unit.toBoard"))),
    h("h1", {}, unit.name),
    h(
      "p",
      { class: "lead" },
      `${enumLabel("UnitKind", unit.kind)} · ${unit.code} · `,
      badge("UnitStatus", unit.status),
      ` · ${t("unit.registered", { date: formatDate(unit.registeredOn) })}`,
      unit.parent
        ? h(
            "span",
            {},
            ` · ${t("unit.parent")} `,
            h("a", { href: href(`unit/${unit.parent.id}`, keep(moment)) }, unit.parent.name),
          )
        : null,
      unit.mergedInto
        ? h(
            "span",
            {},
            ` · ${t("unit.mergedInto")} `,
            h("a", { href: href(`unit/${unit.mergedInto.id}`, keep(moment)) }, unit.mergedInto.name),
          )
        : null,
    ),
    ...timeTravel(`unit/${unit.id}`, query),
    h(
      "div",
      { class: "grid two" },
      h(
        "section",
        { class: "card", "aria-labelledby": "unit-tasks" },
        h("h2", { id: "unit-tasks" }, t("board.tasks")),
        tally
          ? h(
              "p",
              {},
              t("board.taskTally", {
                total: tally.total,
                completed: tally.completed,
                open: tally.open,
                overdue: tally.overdue,
              }),
            )
          : null,
        table(
          null,
          [t("unit.task"), t("unit.due"), t("unit.progress"), t("unit.status")],
          (board?.tasks ?? []).map((task) => [
            h("span", {}, task.title, h("span", { class: "muted small" }, ` (${task.area})`)),
            formatDate(task.dueDate),
            h(
              "span",
              {},
              formatPercent(task.percent),
              percentBar(task.percent, `${task.title}: ${formatPercent(task.percent)}`),
            ),
            badge("TaskStatus", task.status),
          ]),
          { empty: t("unit.noTasks") },
        ),
      ),
      h(
        "section",
        { class: "card", "aria-labelledby": "unit-standing" },
        h("h2", { id: "unit-standing" }, t("unit.standing")),
        h("h3", {}, t("board.models")),
        board?.models.length
          ? h(
              "ul",
              { class: "plain" },
              board.models.map((m) =>
                h("li", {}, named(m.modelType), " ", badge("CandidacyState", m.state)),
              ),
            )
          : h("p", { class: "muted" }, t("board.noModels")),
        h("h3", {}, t("board.commendations")),
        board?.commendations.length
          ? h(
              "ul",
              { class: "plain" },
              board.commendations.map((c) =>
                h("li", {}, h("strong", {}, c.form), ` — ${c.achievement} `, badge("CommendationStatus", c.status)),
              ),
            )
          : h("p", { class: "muted" }, t("board.noCommendations")),
        h("h3", {}, t("board.shortcomings")),
        shortcomingList(board?.openShortcomings),
        board
          ? h(
              "p",
              { class: "small" },
              t("unit.feedback", {
                received: board.feedbackTally.received,
                answered: board.feedbackTally.answered,
                waiting: board.feedbackTally.waiting,
              }),
            )
          : null,
      ),
    ),
    h(
      "section",
      { "aria-labelledby": "unit-timeline" },
      h("h2", { id: "unit-timeline" }, t("unit.timeline")),
      events.length
        ? h(
            "ol",
            { class: "timeline", reversed: true },
            [...events].reverse().map((event) =>
              h(
                "li",
                { dataset: { position: event.position } },
                h(
                  "div",
                  { class: "when" },
                  formatDateTime(event.recordedAt),
                  event.effectiveDate
                    ? ` · ${t("history.effective", { date: formatDate(event.effectiveDate) })}`
                    : "",
                  ` · #${event.position}`,
                ),
                h("strong", {}, eventLabel(event.eventType)),
                h("div", {}, event.summary),
                event.reason ? h("div", { class: "muted small" }, `${t("history.reason")}: ${event.reason}`) : null,
              ),
            ),
          )
        : h("p", { class: "muted" }, t("unit.noEvents")),
    ),
  );
}
