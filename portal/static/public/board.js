// The village board: every village with its models, commendations, open shortcomings, tasks.
import { gql } from "../api.js";
import { h } from "../dom.js";
import { formatDate, formatPercent } from "../format.js";
import { named, t } from "../i18n.js";
import { href } from "../links.js";
import {
  allPages,
  asOfInput,
  badge,
  dayOf,
  enumLabel,
  keep,
  momentLabel,
  percentBar,
  readAsOf,
  shortcomingList,
  timeTravel,
} from "./common.js";

const QUERY = `query Board($on: Date, $after: String, $asOf: AsOf) {
  villageBoard(on: $on, first: 100, after: $after, asOf: $asOf) {
    nodes {
      unit { id code name status }
      models { id modelType { code nameVi nameEn } state validUntil decisionNumber }
      commendations { id form status achievement recipientKind recipientName decisionNumber }
      openShortcomings { id severity finding flaggedOn remediationDue }
      overdueTasks { id title dueDate percent }
      taskTally { total open completed cancelled overdue averagePercent }
      feedbackTally { received answered waiting }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;

export async function renderBoard(main, _params, query) {
  const moment = readAsOf(query);
  const on = dayOf(moment);
  const villages = await allPages(async (after) => {
    const data = await gql(QUERY, { on, after, asOf: asOfInput(moment) });
    return data.villageBoard;
  });
  main.replaceChildren(
    h("h1", {}, t("board.title")),
    h("p", { class: "lead" }, t("board.lead", { day: formatDate(on) })),
    ...timeTravel("board", query),
    villages.length
      ? h(
          "div",
          { class: "grid two village-board" },
          villages.map((village) => villageCard(village, moment)),
        )
      : h(
          "p",
          { class: "alert info" },
          moment ? t("board.emptyThen", { moment: momentLabel(moment) }) : t("board.empty"),
        ),
  );
}

function villageCard(board, moment) {
  const tally = board.taskTally;
  const issued = board.commendations.filter((c) => c.status === "ISSUED");
  const titleId = `village-${board.unit.code}`;
  return h(
    "article",
    { class: "card village", "aria-labelledby": titleId, dataset: { unit: board.unit.code } },
    h(
      "h2",
      { id: titleId },
      h("a", { href: href(`unit/${board.unit.id}`, keep(moment)) }, board.unit.name),
    ),
    h("h3", {}, t("board.tasks")),
    h(
      "p",
      {},
      t("board.taskTally", {
        total: tally.total,
        completed: tally.completed,
        open: tally.open,
        overdue: tally.overdue,
      }),
    ),
    percentBar(
      tally.averagePercent,
      t("board.average", { percent: formatPercent(Math.round(tally.averagePercent)) }),
    ),
    h(
      "p",
      { class: "small muted" },
      t("board.average", { percent: formatPercent(Math.round(tally.averagePercent)) }),
    ),
    board.overdueTasks.length
      ? h(
          "ul",
          { class: "plain small" },
          board.overdueTasks.map((task) =>
            h(
              "li",
              {},
              h("span", { class: "badge bad" }, t("board.overdue")),
              " ",
              task.title,
              h(
                "span",
                { class: "muted" },
                ` — ${t("board.due", { date: formatDate(task.dueDate) })}, ${formatPercent(task.percent)}`,
              ),
            ),
          ),
        )
      : null,
    h("h3", {}, t("board.models")),
    board.models.length
      ? h(
          "ul",
          { class: "plain" },
          board.models.map((model) =>
            h(
              "li",
              {},
              named(model.modelType),
              " ",
              badge("CandidacyState", model.state),
              model.validUntil
                ? h(
                    "span",
                    { class: "muted small" },
                    ` ${t("board.validUntil", { date: formatDate(model.validUntil) })}`,
                  )
                : null,
            ),
          ),
        )
      : h("p", { class: "muted" }, t("board.noModels")),
    h("h3", {}, t("board.commendations")),
    issued.length
      ? h(
          "ul",
          { class: "plain" },
          issued.map((c) =>
            h(
              "li",
              {},
              h("strong", {}, c.form),
              ` — ${c.achievement}`,
              h(
                "span",
                { class: "muted small" },
                ` (${enumLabel("CommendationRecipientKind", c.recipientKind)}${
                  c.recipientName ? `: ${c.recipientName}` : ""
                })`,
              ),
            ),
          ),
        )
      : h("p", { class: "muted" }, t("board.noCommendations")),
    h("h3", {}, t("board.shortcomings")),
    shortcomingList(board.openShortcomings),
  );
}
