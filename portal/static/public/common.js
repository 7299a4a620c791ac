// Pieces the public pages share: time travel (`asOf`), labels of enums, bars in SVG.
import { href } from "../links.js";
import { h, svg } from "../dom.js";
import { has, t } from "../i18n.js";
import {
  formatDate,
  formatDateTime,
  formatPercent,
  parseDate,
  parseTime,
  todayIso,
  vietnamInstant,
} from "../format.js";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{2}:\d{2}(:\d{2})?$/;

/**
 * The moment a page shows, from its `asOf` query parameter: "YYYY-MM-DD" (the end of that
 * day, Vietnam time) or "YYYY-MM-DDTHH:MM[:SS]". Null for "now" (or an unreadable value).
 */
export function readAsOf(query) {
  const raw = query.get("asOf");
  if (!raw) return null;
  const [date, time] = raw.split("T");
  if (!DATE.test(date) || (time !== undefined && !TIME.test(time))) return null;
  const instant = vietnamInstant(date, time ?? "23:59:59");
  if (Number.isNaN(new Date(instant).getTime())) return null;
  return { raw, date, time: time ?? null, instant };
}

/** The GraphQL `AsOf` for a moment read by `readAsOf` (null: now). */
export function asOfInput(moment) {
  return moment ? { time: moment.instant } : null;
}

/** The date a board judges overdue tasks on: the moment's day, else today. */
export function dayOf(moment) {
  return moment ? moment.date : todayIso();
}

/** Query parameters a link keeps so the visitor stays at the same moment. */
export function keep(moment, extra = {}) {
  return { ...extra, asOf: moment ? moment.raw : null };
}

/** How a moment reads: "29/11/2026" or "29/11/2026 14:05". */
export function momentLabel(moment) {
  if (!moment) return "";
  return moment.time ? formatDateTime(moment.instant) : formatDate(moment.date);
}

/**
 * The time-travel control: a date (and an optional time) to see the record as it stood then,
 * and, when the page shows the past, a banner with the way back to now.
 */
export function timeTravel(path, query) {
  const moment = readAsOf(query);
  const others = Object.fromEntries([...query.entries()].filter(([key]) => key !== "asOf"));
  const dateInput = h("input", {
    type: "text",
    id: "as-of-date",
    name: "date",
    inputmode: "numeric",
    placeholder: t("format.datePlaceholder"),
    autocomplete: "off",
    value: moment ? formatDate(moment.date) : "",
    "aria-describedby": "as-of-hint",
  });
  const timeInput = h("input", {
    type: "text",
    id: "as-of-time",
    name: "time",
    inputmode: "numeric",
    placeholder: t("format.timePlaceholder"),
    autocomplete: "off",
    size: 8,
    value: moment?.time ?? "",
    "aria-describedby": "as-of-time-hint",
  });
  const error = h("p", { class: "field-error", id: "as-of-error", role: "alert", hidden: true });
  const invalid = (input, message) => {
    error.textContent = message;
    error.hidden = false;
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", `${input.getAttribute("aria-describedby")} as-of-error`);
    input.focus();
  };
  const form = h(
    "form",
    {
      class: "filters time-travel",
      role: "search",
      "aria-label": t("asof.label"),
      novalidate: true,
      onsubmit: (event) => {
        event.preventDefault();
        const date = parseDate(dateInput.value);
        if (!date) {
          invalid(dateInput, dateInput.value.trim() ? t("asof.badDate") : t("asof.needDate"));
          return;
        }
        if (date > todayIso()) {
          invalid(dateInput, t("asof.future"));
          return;
        }
        const time = timeInput.value.trim() ? parseTime(timeInput.value) : "";
        if (time === null) {
          invalid(timeInput, t("asof.badTime"));
          return;
        }
        const value = time ? `${date}T${time}` : date;
        location.hash = href(path, { ...others, asOf: value, after: null });
      },
    },
    h(
      "div",
      { class: "field" },
      h("label", { for: "as-of-date" }, t("asof.date")),
      dateInput,
      h("span", { class: "hint", id: "as-of-hint" }, t("asof.hint")),
    ),
    h(
      "div",
      { class: "field" },
      h("label", { for: "as-of-time" }, t("asof.time")),
      timeInput,
      h("span", { class: "hint", id: "as-of-time-hint" }, t("asof.timeHint")),
    ),
    h("div", { class: "field" }, h("button", { type: "submit" }, t("asof.go"))),
    error,
  );
  // Folded on a phone until used; open on a wider screen or when the page shows the past.
  const wide = window.matchMedia("(min-width: 48rem)").matches;
  const parts = [
    h(
      "details",
      { class: "time-travel-box", open: Boolean(moment) || wide },
      h("summary", {}, t("asof.label")),
      form,
    ),
  ];
  if (moment) {
    parts.unshift(
      h(
        "p",
        { class: "as-of", role: "status", "data-as-of": moment.raw },
        t("asof.banner", { moment: momentLabel(moment) }),
        " ",
        h("a", { href: href(path, others) }, t("asof.now")),
      ),
    );
  } else if (query.get("asOf")) {
    parts.unshift(h("p", { class: "alert error", role: "alert" }, t("asof.invalid")));
  }
  return parts;
}

/** The label of an enum value (`enum.<Type>.<VALUE>`), else the value itself. */
export function enumLabel(type, value) {
  const key = `enum.${type}.${value}`;
  return has(key) ? t(key) : String(value ?? "");
}

/** An event type in words (`event.<Type>`), else the type. */
export function eventLabel(type) {
  const key = `event.${type}`;
  return has(key) ? t(key) : type;
}

const STATE_TONE = {
  RECOGNIZED: "ok",
  ISSUED: "ok",
  COMPLETED: "ok",
  RESOLVED: "ok",
  MET: "ok",
  ANSWERED: "ok",
  CLOSED: "ok",
  ASSESSED: "info",
  ENROLLED: "info",
  PROPOSED: "info",
  OPEN: "info",
  ACKNOWLEDGED: "info",
  SUBMITTED: "warn",
  NOT_MET: "warn",
  MINOR: "warn",
  MODERATE: "warn",
  SERIOUS: "bad",
  REVOKED: "bad",
  CANCELLED: "bad",
};

/** A coloured badge with an enum's label (colour is never the only signal: the text says it). */
export function badge(type, value) {
  return h("span", { class: `badge ${STATE_TONE[value] ?? ""}` }, enumLabel(type, value));
}

/**
 * A unit's open shortcomings as a list: severity, finding, the day it was flagged and, where the
 * query asked for it, the remediation plan; a line saying there are none otherwise.
 */
export function shortcomingList(shortcomings) {
  if (!shortcomings?.length) return h("p", { class: "muted" }, t("board.noShortcomings"));
  return h(
    "ul",
    { class: "plain" },
    shortcomings.map((s) =>
      h(
        "li",
        {},
        badge("ShortcomingSeverity", s.severity),
        ` ${s.finding}`,
        s.flaggedOn ? h("span", { class: "muted small" }, ` (${formatDate(s.flaggedOn)})`) : null,
        s.remediationPlan
          ? h("div", { class: "small muted" }, `${t("unit.remediation")}: ${s.remediationPlan}`)
          : null,
      ),
    ),
  );
}

/**
 * A horizontal bar in inline SVG: `value` of `target`, the track as long as the larger of
 * the two, a mark at the target. `label` is what a screen reader hears.
 */
export function bar(value, target, label) {
  const scale = Math.max(target, value, 1);
  const fill = (100 * value) / scale;
  const mark = (100 * target) / scale;
  const met = target > 0 && value >= target;
  return svg(
    "svg",
    {
      class: "bar-chart",
      viewBox: "0 0 100 10",
      preserveAspectRatio: "none",
      role: "img",
      "aria-label": label,
      height: "16",
    },
    svg("title", {}, label),
    svg("rect", { class: "track", x: 0, y: 0, width: 100, height: 10, rx: 1 }),
    svg("rect", { class: `fill${met ? " met" : ""}`, x: 0, y: 0, width: fill, height: 10, rx: 1 }),
    target > 0 && target < scale
      ? svg("line", {
          class: "target",
          x1: mark,
          x2: mark,
          y1: 0,
          y2: 10,
          "vector-effect": "non-scaling-stroke",
        })
      : null,
  );
}

/** A percentage bar (0–100). */
export function percentBar(percent, label) {
  return bar(Number(percent) || 0, 100, label ?? formatPercent(percent));
}

/** A table from a header row and body rows (cells: nodes or text; `{num: v}` right-aligned). */
export function table(caption, headers, rows, { empty } = {}) {
  if (!rows.length && empty) return h("p", { class: "muted" }, empty);
  const cell = (tag, value) =>
    value && typeof value === "object" && "num" in value
      ? h(tag, { class: "num" }, value.num)
      : h(tag, tag === "th" ? { scope: "col" } : {}, value);
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      {},
      caption ? h("caption", {}, caption) : null,
      h("thead", {}, h("tr", {}, headers.map((header) => cell("th", header)))),
      h("tbody", {}, rows.map((row) => h("tr", {}, row.map((value) => cell("td", value))))),
    ),
  );
}

/** Every page of a connection: `fetchPage(after)` returns `{nodes, pageInfo}`. */
export async function allPages(fetchPage, limit = 20) {
  const nodes = [];
  let after = null;
  for (let i = 0; i < limit; i += 1) {
    const page = await fetchPage(after);
    nodes.push(...page.nodes);
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  return nodes;
}
