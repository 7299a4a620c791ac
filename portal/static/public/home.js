// The commune at a glance: models against their targets, tasks by area, the latest reviews.
import { gql } from "../api.js";
import { h } from "../dom.js";
import { formatDate, formatDong, formatNumber, formatPercent } from "../format.js";
import { lang, named, t } from "../i18n.js";
import { href } from "../links.js";
import { asOfInput, bar, dayOf, enumLabel, keep, readAsOf, table, timeTravel } from "./common.js";

const QUERY = `query Glance($on: Date, $year: Int, $asOf: AsOf) {
  program(asOf: $asOf) { nameVi nameEn periodStart periodEnd }
  coverage(on: $on, asOf: $asOf) {
    modelType { code nameVi nameEn } target recognized ratio targetTextVi targetTextEn
  }
  periodicReport(on: $on, asOf: $asOf) {
    position tasks { area nameVi assigned completed open overdue }
  }
  areas: program(asOf: $asOf) { taskAreas { code nameVi nameEn } }
  reviews(asOf: $asOf) { id kind year title heldOn conclusions }
  moneyBySource(year: $year, asOf: $asOf) { source labelVi received spent }
}`;

export async function renderHome(main, _params, query) {
  const moment = readAsOf(query);
  const year = Number(dayOf(moment).slice(0, 4));
  const data = await gql(QUERY, { on: dayOf(moment), year, asOf: asOfInput(moment) });
  const money = data.moneyBySource ?? [];
  const program = data.program;
  const coverage = data.coverage ?? [];
  const areas = data.periodicReport?.tasks ?? [];
  const areaNames = Object.fromEntries(
    (data.areas?.taskAreas ?? []).map((area) => [area.code, named(area)]),
  );
  const reviews = [...(data.reviews ?? [])].sort((a, b) => b.heldOn.localeCompare(a.heldOn));

  const totals = areas.reduce(
    (sum, area) => ({
      assigned: sum.assigned + area.assigned,
      completed: sum.completed + area.completed,
      overdue: sum.overdue + area.overdue,
    }),
    { assigned: 0, completed: 0, overdue: 0 },
  );
  const recognized = coverage.reduce((sum, row) => sum + row.recognized, 0);

  main.replaceChildren(
    h("h1", {}, t("home.title")),
    program
      ? h(
          "p",
          { class: "lead" },
          named(program),
          ` (${formatDate(program.periodStart)} – ${formatDate(program.periodEnd)})`,
        )
      : h("p", { class: "alert info" }, t("home.noProgram")),
    ...timeTravel("", query),
    h(
      "div",
      { class: "stats" },
      stat(totals.assigned, t("home.stat.tasks")),
      stat(totals.completed, t("home.stat.completed")),
      stat(totals.overdue, t("home.stat.overdue")),
      stat(recognized, t("home.stat.recognized")),
    ),
    h(
      "section",
      { "aria-labelledby": "coverage-title", class: "card" },
      h("h2", { id: "coverage-title" }, t("home.coverage")),
      h("p", { class: "muted small" }, t("home.coverageHint", { day: formatDate(dayOf(moment)) })),
      coverage.length
        ? h("ul", { class: "plain coverage" }, coverage.map(coverageRow))
        : h("p", { class: "muted" }, t("home.noCoverage")),
    ),
    h(
      "section",
      { "aria-labelledby": "areas-title", class: "card" },
      h("h2", { id: "areas-title" }, t("home.areas")),
      table(
        null,
        [t("home.area"), t("home.assigned"), t("home.completed"), t("home.overdue"), t("home.done")],
        areas.map((area) => [
          h(
            "span",
            {},
            h("strong", {}, area.area),
            " ",
            areaNames[area.area] ?? area.nameVi,
          ),
          { num: formatNumber(area.assigned) },
          { num: formatNumber(area.completed) },
          {
            num: area.overdue
              ? h("span", { class: "badge bad" }, formatNumber(area.overdue))
              : formatNumber(0),
          },
          bar(
            area.completed,
            area.assigned,
            t("home.doneOf", { done: area.completed, total: area.assigned }),
          ),
        ]),
        { empty: t("home.noTasks") },
      ),
    ),
    h(
      "section",
      { "aria-labelledby": "reviews-title", class: "card" },
      h("h2", { id: "reviews-title" }, t("home.reviews")),
      reviews.length
        ? h(
            "ul",
            { class: "plain" },
            reviews.slice(0, 5).map((review) =>
              h(
                "li",
                {},
                h("strong", {}, review.title),
                h(
                  "div",
                  { class: "muted small" },
                  `${enumLabel("ReviewKind", review.kind)} · ${formatDate(review.heldOn)}`,
                ),
                h("p", {}, review.conclusions),
              ),
            ),
          )
        : h("p", { class: "muted" }, t("home.noReviews")),
    ),
    h(
      "section",
      { "aria-labelledby": "money-title", class: "card" },
      h("h2", { id: "money-title" }, t("home.money", { year })),
      table(
        null,
        [t("home.source"), t("home.received"), t("home.spent"), t("home.left")],
        money.map((row) => [
          enumLabel("MoneySource", row.source),
          { num: formatDong(row.received) },
          { num: formatDong(row.spent) },
          { num: formatDong(Number(row.received) - Number(row.spent)) },
        ]),
        { empty: t("home.noMoney") },
      ),
    ),
    h(
      "p",
      {},
      h("a", { href: href("board", keep(moment)) }, t("home.toBoard")),
      " · ",
      h("a", { href: href("history", keep(moment)) }, t("home.toHistory")),
    ),
  );
}

function stat(value, label) {
  return h(
    "div",
    { class: "stat" },
    h("span", { class: "value" }, formatNumber(value)),
    h("span", { class: "label" }, label),
  );
}

function coverageRow(row) {
  const name = named(row.modelType);
  const text = lang() === "en" ? row.targetTextEn || row.targetTextVi : row.targetTextVi;
  const words = t("home.coverageOf", {
    recognized: row.recognized,
    target: row.target,
    percent: formatPercent(Math.round(row.ratio * 1000) / 10),
  });
  return h(
    "li",
    { dataset: { model: row.modelType.code } },
    h("div", { class: "coverage-name" }, h("strong", {}, name), " ", h("span", { class: "muted" }, words)),
    bar(row.recognized, row.target, `${name}: ${words}`),
    h("div", { class: "muted small" }, text),
  );
}
