// Labelled fields, validation before sending, typed failures in words, and the send-once button.
import { newIdempotencyKey } from "../api.js";
import { t } from "../i18n.js";

let serial = 0;

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (name === "text") el.textContent = value;
    else if (name.startsWith("on")) el.addEventListener(name.slice(2), value);
    else el.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) {
      el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
  return el;
}

/** Text as the server keeps it: NFC, trimmed. */
export function clean(value) {
  return String(value ?? "").normalize("NFC").trim();
}

export function lines(value) {
  return String(value ?? "")
    .split("\n")
    .map(clean)
    .filter(Boolean);
}

/**
 * One labelled control. spec: { name, type: text|textarea|select|date|number|lines, required,
 * maxLength, maxItems, min, max, options: [{value, label}], hint }.
 */
function control(spec) {
  const id = `of-${spec.name}-${++serial}`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const common = {
    id,
    name: spec.name,
    "aria-describedby": `${spec.hint ? hintId + " " : ""}${errorId}`,
    "aria-required": spec.required ? "true" : false,
    required: spec.required || false,
  };
  let input;
  if (spec.type === "select") {
    input = h(
      "select",
      common,
      h("option", { value: "", text: t("officer.choose") }),
      (spec.options || []).map((o) => h("option", { value: o.value, text: o.label })),
    );
  } else if (spec.type === "textarea" || spec.type === "lines") {
    input = h("textarea", { ...common, rows: spec.type === "lines" ? 3 : 4 });
  } else if (spec.type === "date") {
    // Typed as dd/mm/yyyy whatever the browser's language (a date picker would follow it).
    input = h("input", { ...common, type: "text", inputmode: "numeric", placeholder: "dd/mm/yyyy", autocomplete: "off", size: 10 });
  } else {
    input = h("input", {
      ...common,
      type: spec.type || "text",
      inputmode: spec.type === "number" ? "numeric" : false,
      min: spec.type === "number" ? spec.min : false,
      max: spec.type === "number" ? spec.max : false,
      step: spec.type === "number" ? 1 : false,
      autocomplete: "off",
    });
  }
  if (spec.value !== undefined) input.value = spec.value;
  const label = h(
    "label",
    { for: id },
    t(`field.${spec.name}`),
    // "Required" is said by aria-required; the star is for the eye.
    spec.required ? h("span", { class: "required", "aria-hidden": "true", title: t("officer.required") }, " *") : null,
  );
  const hint = spec.hint ? h("p", { class: "hint", id: hintId, text: spec.hint }) : null;
  const error = h("p", { class: "field-error", id: errorId, hidden: true });
  const wrap = h("div", { class: "field", "data-field": spec.name }, label, hint, input, error);
  return { spec, input, error, wrap };
}

/** "31/12/2026" (or "2026-12-31") → "2026-12-31"; null if it is not a date of the calendar. */
export function parseDate(text) {
  const value = clean(text);
  let day, month, year;
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  if (m) [, day, month, year] = m.map(Number);
  else if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value))) [, year, month, day] = m.map(Number);
  else return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function countOf(text) {
  return [...text].length;
}

/** Client-side checks: the same limits the server applies, said before anything is sent. */
function check(field, period) {
  const { spec, input } = field;
  const raw = input.value;
  if (spec.type === "lines") {
    const items = lines(raw);
    if (spec.required && !items.length) return t("err.required");
    if (items.length > (spec.maxItems || 50)) return t("err.tooMany", { max: spec.maxItems || 50 });
    const long = items.find((item) => countOf(item) > (spec.maxLength || 1000));
    if (long) return t("err.tooLong", { max: spec.maxLength || 1000, count: countOf(long) });
    return "";
  }
  const value = clean(raw);
  if (!value) return spec.required ? t("err.required") : "";
  if (spec.type === "number") {
    if (!/^-?\d+$/.test(value)) return t("err.integer");
    const n = Number(value);
    if (n < spec.min || n > spec.max) return t("err.range", { min: spec.min, max: spec.max });
    return "";
  }
  if (spec.type === "date") {
    const iso = parseDate(value);
    if (!iso) return t("err.date");
    if (period && (iso < period.start || iso > period.end)) {
      return t("err.dateOutside", { start: period.startText, end: period.endText });
    }
    return "";
  }
  if (spec.maxLength && countOf(value) > spec.maxLength) {
    return t("err.tooLong", { max: spec.maxLength, count: countOf(value) });
  }
  return "";
}

/** An InvalidInput's message ("must not be empty", "must be at most 200 characters") in words. */
function invalidInWords(message) {
  if (/must not be empty/.test(message)) return t("err.required");
  const long = /at most (\d+) characters/.exec(message);
  if (long) return t("err.atMost", { max: long[1] });
  return t("err.invalid");
}

/**
 * A failure the API returned (a `Failure` union member), or an ApiError thrown by gql(), as
 * { field?: string, text: string } in the current language.
 */
export function failureInWords(failure, period) {
  if (!failure || !failure.__typename) {
    const kind = String((failure && failure.kind) || "");
    const status = (failure && failure.status) || 0;
    if (kind === "auth" || status === 401) return { text: t("err.unauthorized"), signOut: true };
    if (kind === "network") return { text: t("err.network") };
    if (kind === "rate") return { text: t("err.rate") };
    return { text: t("err.server") };
  }
  switch (failure.__typename) {
    case "NotFound":
      return { text: t("err.NotFound") };
    case "NotAllowed":
      return { text: /own unit/.test(failure.message || "") ? t("err.NotAllowedUnit") : t("err.NotAllowed") };
    case "Conflict":
      return { text: t("err.Conflict") };
    case "IdempotencyKeyReused":
      return { text: t("err.IdempotencyKeyReused"), reload: true };
    case "InvalidInput":
      return { field: failure.field, text: invalidInWords(failure.message || "") };
    case "RuleBroken": {
      const key = `rule.${failure.rule}`;
      const vars = period ? { start: period.startText, end: period.endText } : {};
      const said = t(key, vars);
      const text = said === key ? t("err.rule", { rule: failure.rule }) : said;
      // "dueDate 2031-01-01 is outside the program period …": the rule names the field first.
      const named = failure.rule === "DateOutsideProgram" ? /^(\w+)\s/.exec(failure.message || "") : null;
      return { field: named ? named[1] : undefined, text };
    }
    default:
      return { text: t("err.rule", { rule: failure.__typename || "?" }) };
  }
}

/**
 * Builds a form for an act and wires sending it.
 * act: { id, fields: spec[], submit: string, period, crossCheck?(values) → {name: text},
 *        send(values, keys) → Promise<{ok: true, text, href} | {failure}> , keys: string[] }
 * The idempotency keys are made now, when the form is shown, and kept for every retry.
 */
export function actForm(act, { onDone, draft = null, remember = () => {} }) {
  const keys = draft?.keys ?? Object.fromEntries((act.keys || ["main"]).map((k) => [k, newIdempotencyKey()]));
  const fields = act.fields.map(control);
  // A form drawn again (the language switched) is the same form: its values and its keys stay.
  for (const f of fields) {
    if (draft?.values && f.spec.name in draft.values) f.input.value = draft.values[f.spec.name];
  }
  const byName = Object.fromEntries(fields.map((f) => [f.spec.name, f]));
  const summary = h("div", { class: "form-error", role: "alert", hidden: true, tabindex: "-1" });
  const button = h("button", { type: "submit", class: "primary", text: act.submit });
  const status = h("p", { class: "form-status", role: "status", "aria-live": "polite" });
  const form = h(
    "form",
    { class: "act-form", novalidate: true, "data-act": act.id, "data-idempotency-key": keys.main || Object.values(keys)[0] },
    summary,
    fields.map((f) => f.wrap),
    h("div", { class: "actions" }, button, status),
  );
  let inFlight = false;
  const save = () => remember({ keys, values: Object.fromEntries(fields.map((f) => [f.spec.name, f.input.value])) });
  form.addEventListener("input", save);
  form.addEventListener("change", save);
  save();

  function showFieldError(name, text) {
    const field = byName[name];
    if (!field) return false;
    field.error.textContent = text;
    field.error.hidden = false;
    field.input.setAttribute("aria-invalid", "true");
    return true;
  }

  function clearErrors() {
    summary.hidden = true;
    summary.textContent = "";
    for (const f of fields) {
      f.error.hidden = true;
      f.error.textContent = "";
      f.input.removeAttribute("aria-invalid");
    }
  }

  function values() {
    const out = {};
    for (const f of fields) {
      const raw = f.input.value;
      out[f.spec.name] = f.spec.type === "lines" ? lines(raw) : f.spec.type === "date" ? parseDate(raw) || clean(raw) : clean(raw);
    }
    return out;
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (inFlight) return;
    clearErrors();
    const problems = {};
    for (const f of fields) {
      const text = check(f, f.spec.type === "date" ? act.period : null);
      if (text) problems[f.spec.name] = text;
    }
    const given = values();
    if (act.crossCheck) {
      for (const [name, text] of Object.entries(act.crossCheck(given))) problems[name] ||= text;
    }
    const names = Object.keys(problems);
    if (names.length) {
      for (const name of names) showFieldError(name, problems[name]);
      summary.textContent = t("officer.fixErrors", { count: names.length });
      summary.hidden = false;
      byName[names[0]].input.focus();
      return;
    }
    inFlight = true;
    button.disabled = true;
    form.setAttribute("aria-busy", "true");
    status.textContent = t("officer.sending");
    let outcome;
    try {
      outcome = await act.send(given, keys);
    } catch (error) {
      outcome = { failure: error };
    } finally {
      inFlight = false;
      button.disabled = false;
      form.removeAttribute("aria-busy");
      status.textContent = "";
    }
    if (outcome.ok) {
      onDone(outcome);
      return;
    }
    const said = failureInWords(outcome.failure, act.period);
    const field = said.field && (act.fieldOf ? act.fieldOf(said.field) : said.field);
    if (field && showFieldError(field, said.text)) {
      byName[field].input.focus();
    } else {
      summary.textContent = said.text;
      summary.hidden = false;
      summary.focus();
    }
    if (said.signOut && act.onUnauthorized) act.onUnauthorized();
  });

  return form;
}
