// The history: every event in log order, filtered, at any past moment.
import { gql } from "../api.js";
import { h } from "../dom.js";
import { formatDate, formatDateTime, parseDate, vietnamInstant } from "../format.js";
import { t } from "../i18n.js";
import { href } from "../links.js";
import { allPages, asOfInput, enumLabel, eventLabel, keep, readAsOf, table, timeTravel } from "./common.js";

const PAGE = 50;
const STREAMS = [
  "unit",
  "task",
  "candidacy",
  "commendation",
  "shortcoming",
  "inspection",
  "feedback",
  "testimony",
  "review",
  "fund",
  "rating",
  "indicator",
  "program",
];

const QUERY = `query History($filter: HistoryFilter, $first: Int!, $after: String, $asOf: AsOf) {
  history(filter: $filter, first: $first, after: $after, asOf: $asOf) {
    nodes {
      position recordedAt effectiveDate stream eventType actorRole reason summary
      units { id name }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;

const UNITS = `query Units($after: String, $asOf: AsOf) {
  units(first: 200, after: $after, asOf: $asOf) {
    nodes { id code name kind }
    pageInfo { hasNextPage endCursor }
  }
}`;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function renderHistory(main, _params, query) {
  const moment = readAsOf(query);
  const unitId = query.get("unit") || null;
  const stream = STREAMS.includes(query.get("stream")) ? query.get("stream") : null;
  const since = DATE.test(query.get("since") ?? "") ? query.get("since") : null;
  const until = DATE.test(query.get("until") ?? "") ? query.get("until") : null;
  const after = /^\d+$/.test(query.get("after") ?? "") ? query.get("after") : null;
  const filter = {
    unitId,
    stream,
    since: since ? vietnamInstant(since, "00:00:00") : null,
    until: until ? vietnamInstant(until, "23:59:59") : null,
  };
  const [data, units] = await Promise.all([
    gql(QUERY, { filter, first: PAGE, after, asOf: asOfInput(moment) }),
    allPages(async (cursor) => (await gql(UNITS, { after: cursor, asOf: asOfInput(moment) })).units),
  ]);
  const events = data.history.nodes;
  const current = Object.fromEntries([...query.entries()].filter(([k]) => k !== "after"));

  const unitSelect = h(
    "select",
    { id: "history-unit", name: "unit" },
    h("option", { value: "" }, t("history.allUnits")),
    units.map((unit) =>
      h("option", { value: unit.id, selected: unit.id === unitId }, unit.name),
    ),
  );
  const streamSelect = h(
    "select",
    { id: "history-stream", name: "stream" },
    h("option", { value: "" }, t("history.allStreams")),
    STREAMS.map((name) =>
      h("option", { value: name, selected: name === stream }, enumLabel("Stream", name)),
    ),
  );
  const dateBox = (id, value) =>
    h("input", {
      type: "text",
      id,
      name: id,
      inputmode: "numeric",
      autocomplete: "off",
      size: 11,
      placeholder: t("format.datePlaceholder"),
      value: value ? formatDate(value) : "",
      "aria-describedby": "history-error",
    });
  const sinceInput = dateBox("history-since", since);
  const untilInput = dateBox("history-until", until);
  const error = h("p", { class: "field-error", id: "history-error", role: "alert", hidden: true });
  const filters = h(
    "form",
    {
      class: "filters",
      "aria-label": t("history.filters"),
      onsubmit: (event) => {
        event.preventDefault();
        const dates = {};
        for (const [name, input] of [["since", sinceInput], ["until", untilInput]]) {
          input.removeAttribute("aria-invalid");
          if (!input.value.trim()) continue;
          dates[name] = parseDate(input.value);
          if (!dates[name]) {
            input.setAttribute("aria-invalid", "true");
            error.textContent = t("asof.badDate");
            error.hidden = false;
            input.focus();
            return;
          }
        }
        location.hash = href("history", {
          ...keep(moment),
          unit: unitSelect.value,
          stream: streamSelect.value,
          since: dates.since,
          until: dates.until,
        });
      },
    },
    field("history-unit", t("history.unit"), unitSelect),
    field("history-stream", t("history.stream"), streamSelect),
    field("history-since", t("history.since"), sinceInput),
    field("history-until", t("history.until"), untilInput),
    h("div", { class: "field" }, h("button", { type: "submit" }, t("history.apply"))),
    h(
      "div",
      { class: "field" },
      h("a", { class: "button secondary", href: href("history", keep(moment)) }, t("history.clear")),
    ),
    error,
  );

  main.replaceChildren(
    h("h1", {}, t("history.title")),
    h("p", { class: "lead" }, t("history.lead")),
    ...timeTravel("history", query),
    filters,
    table(
      t("history.caption", { count: events.length }),
      [
        t("history.position"),
        t("history.recorded"),
        t("history.event"),
        t("history.summary"),
        t("history.units"),
        t("history.by"),
      ],
      events.map((event) => [
        { num: `#${event.position}` },
        h(
          "span",
          {},
          formatDateTime(event.recordedAt),
          event.effectiveDate
            ? h("div", { class: "small muted" }, t("history.effective", { date: formatDate(event.effectiveDate) }))
            : null,
        ),
        eventLabel(event.eventType),
        h(
          "span",
          {},
          event.summary,
          event.reason ? h("div", { class: "small muted" }, `${t("history.reason")}: ${event.reason}`) : null,
        ),
        h(
          "span",
          {},
          event.units.map((unit, i) => [
            i ? ", " : "",
            h("a", { href: href(`unit/${unit.id}`, keep(moment)) }, unit.name),
          ]),
        ),
        enumLabel("Role", event.actorRole),
      ]),
      { empty: t("history.empty") },
    ),
    h(
      "nav",
      { class: "pager", "aria-label": t("history.pages") },
      after ? h("a", { href: href("history", current) }, t("history.first")) : null,
      after && data.history.pageInfo.hasNextPage ? " · " : null,
      data.history.pageInfo.hasNextPage
        ? h(
            "a",
            { href: href("history", { ...current, after: data.history.pageInfo.endCursor }), rel: "next" },
            t("history.next"),
          )
        : null,
    ),
  );
}

function field(id, label, control) {
  return h("div", { class: "field" }, h("label", { for: id }, label), control);
}
