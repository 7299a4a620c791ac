// The scorecards of the eight commune criteria: each with its indicators against targets.
import { gql } from "../api.js";
import { h } from "../dom.js";
import { formatNumber, formatPercent, todayIso } from "../format.js";
import { lang, named, t } from "../i18n.js";
import { href } from "../links.js";
import { asOfInput, badge, keep, percentBar, readAsOf, timeTravel } from "./common.js";

const QUERY = `query Scorecards($year: Int!, $asOf: AsOf) {
  program(asOf: $asOf) { periodStart periodEnd }
  scorecard(year: $year, asOf: $asOf) {
    criterion { code number textVi textEn status }
    met measured total
    indicators {
      indicator { code nameVi nameEn unitOfMeasure direction baseline baselineYear }
      target value period status progressPercent
    }
  }
}`;

export async function renderScorecards(main, _params, query) {
  const moment = readAsOf(query);
  const thisYear = Number((moment ? moment.date : todayIso()).slice(0, 4));
  const given = Number(query.get("year"));
  const year = Number.isInteger(given) && given >= 2025 && given <= 2030 ? given : thisYear;
  const data = await gql(QUERY, { year, asOf: asOfInput(moment) });
  const first = Number((data.program?.periodStart ?? "2026").slice(0, 4));
  const last = Number((data.program?.periodEnd ?? "2030").slice(0, 4));
  const years = [];
  for (let y = Math.min(first, year); y <= Math.max(last, year); y += 1) years.push(y);
  const select = h(
    "select",
    {
      id: "scorecard-year",
      onchange: () => {
        location.hash = href("scorecards", keep(moment, { year: select.value }));
      },
    },
    years.map((y) => h("option", { value: y, selected: y === year }, String(y))),
  );
  const cards = data.scorecard ?? [];
  main.replaceChildren(
    h("h1", {}, t("score.title")),
    h("p", { class: "lead" }, t("score.lead")),
    ...timeTravel("scorecards", query),
    h(
      "div",
      { class: "filters" },
      h("div", { class: "field" }, h("label", { for: "scorecard-year" }, t("score.year")), select),
    ),
    cards.length
      ? h("div", { class: "grid two scorecards" }, cards.map(card))
      : h("p", { class: "alert info" }, t("score.empty")),
  );
}

function card(row) {
  const id = `criterion-${row.criterion.code}`;
  const text = lang() === "en" ? row.criterion.textEn || row.criterion.textVi : row.criterion.textVi;
  return h(
    "article",
    { class: "card", "aria-labelledby": id, dataset: { criterion: row.criterion.code } },
    h("h2", { id }, t("score.criterion", { number: row.criterion.number }), ": ", text),
    h("p", { class: "muted" }, t("score.summary", { met: row.met, measured: row.measured, total: row.total })),
    row.indicators.length
      ? h(
          "ul",
          { class: "plain" },
          row.indicators.map((score) => {
            const name = named(score.indicator) || score.indicator.code;
            const unit = score.indicator.unitOfMeasure;
            const words = t("score.valueOf", {
              value: score.value === null ? "—" : `${formatNumber(score.value)} ${unit}`,
              target: score.target === null ? "—" : `${formatNumber(score.target)} ${unit}`,
            });
            return h(
              "li",
              {},
              h("strong", {}, name),
              " ",
              badge("ScoreStatus", score.status),
              h(
                "div",
                { class: "small" },
                words,
                score.period ? h("span", { class: "muted" }, ` (${score.period})`) : null,
                score.indicator.direction === "DECREASE"
                  ? h("span", { class: "muted" }, ` · ${t("score.lower")}`)
                  : null,
              ),
              score.progressPercent !== null
                ? percentBar(
                    Math.min(100, Number(score.progressPercent)),
                    `${name}: ${formatPercent(score.progressPercent)}`,
                  )
                : null,
            );
          }),
        )
      : h("p", { class: "muted" }, t("score.noIndicators")),
  );
}
