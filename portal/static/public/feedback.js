// Feedback: a citizen writes to the commune and gets a reference, then follows the answer.
import { ApiError, errorMessage, gql, newIdempotencyKey, succeeded } from "../api.js";
import { h } from "../dom.js";
import { formatDate } from "../format.js";
import { t } from "../i18n.js";
import { href } from "../links.js";
import { allPages, badge, enumLabel } from "./common.js";

const UNITS = `query FeedbackUnits($after: String) {
  units(status: ACTIVE, first: 200, after: $after) {
    nodes { id code name kind }
    pageInfo { hasNextPage endCursor }
  }
}`;

const SUBMIT = `mutation Submit($input: SubmitFeedbackInput!) {
  submitFeedback(input: $input) {
    __typename
    ... on FeedbackChanged { feedback { reference status submittedOn unit { name } } }
    ... on Failure { message }
    ... on RuleBroken { rule }
    ... on InvalidInput { field }
  }
}`;

const FOLLOW = `query Follow($reference: String!) {
  feedbackByReference(reference: $reference) {
    reference topic status submittedOn acknowledgedOn answeredOn answer closedOn closingNote
    unit { id name }
  }
}`;

const LIMITS = { topic: 200, text: 4000, submitterName: 200, submitterContact: 200 };
// The API names fields in camelCase; a few checks name the snake_case field.
const FIELD_ALIASES = { submitter_name: "submitterName", submitter_contact: "submitterContact", unit: "unitId" };
const KIND_ORDER = ["VILLAGE", "GOVERNMENT", "OFFICE", "MASS_ORGANIZATION", "SCHOOL", "PARTY_CELL", "BUSINESS"];

export async function renderFeedback(main) {
  const units = await allPages(async (after) => (await gql(UNITS, { after })).units);
  units.sort(
    (a, b) =>
      KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.name.localeCompare(b.name, "vi"),
  );
  // Made once, when the form is shown: a retry or a double click records one feedback.
  const idempotencyKey = newIdempotencyKey();
  const controls = {
    unitId: h(
      "select",
      { id: "fb-unit", name: "unitId", required: true },
      h("option", { value: "" }, t("fb.chooseUnit")),
      KIND_ORDER.map((kind) => {
        const group = units.filter((unit) => unit.kind === kind);
        return group.length
          ? h(
              "optgroup",
              { label: enumLabel("UnitKind", kind) },
              group.map((unit) => h("option", { value: unit.id }, unit.name)),
            )
          : null;
      }),
    ),
    topic: h("input", { id: "fb-topic", name: "topic", required: true, maxlength: LIMITS.topic, autocomplete: "off" }),
    text: h("textarea", { id: "fb-text", name: "text", required: true, maxlength: LIMITS.text, rows: 6 }),
    submitterName: h("input", { id: "fb-name", name: "submitterName", maxlength: LIMITS.submitterName, autocomplete: "name" }),
    submitterContact: h("input", {
      id: "fb-contact",
      name: "submitterContact",
      maxlength: LIMITS.submitterContact,
      autocomplete: "tel",
    }),
  };
  const errors = {};
  const fieldBlock = (name, label, hint) => {
    const control = controls[name];
    const errorId = `${control.id}-error`;
    const hintId = hint ? `${control.id}-hint` : null;
    errors[name] = h("p", { class: "field-error", id: errorId, hidden: true });
    control.setAttribute("aria-describedby", [hintId, errorId].filter(Boolean).join(" "));
    return h(
      "div",
      { class: "field" },
      h("label", { for: control.id }, label),
      hint ? h("span", { class: "hint", id: hintId }, hint) : null,
      control,
      errors[name],
    );
  };
  const status = h("div", { role: "status", "aria-live": "polite" });
  const button = h("button", { type: "submit" }, t("fb.send"));
  const form = h(
    "form",
    { class: "card feedback-form", novalidate: true, "aria-labelledby": "fb-title" },
    fieldBlock("unitId", t("fb.unit"), t("fb.unitHint")),
    fieldBlock("topic", t("fb.topic")),
    fieldBlock("text", t("fb.text")),
    h(
      "fieldset",
      {},
      h("legend", {}, t("fb.about")),
      h("p", { class: "hint" }, t("fb.privacy")),
      fieldBlock("submitterName", t("fb.name")),
      fieldBlock("submitterContact", t("fb.contact")),
    ),
    button,
    status,
  );

  const showErrors = (found) => {
    let firstBad = null;
    for (const [name, control] of Object.entries(controls)) {
      const message = found[name];
      errors[name].hidden = !message;
      errors[name].textContent = message ?? "";
      if (message) {
        control.setAttribute("aria-invalid", "true");
        firstBad ??= control;
      } else control.removeAttribute("aria-invalid");
    }
    firstBad?.focus();
    return !firstBad;
  };

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (button.disabled) return;
    const values = Object.fromEntries(
      Object.entries(controls).map(([name, control]) => [name, control.value.trim()]),
    );
    const found = {};
    if (!values.unitId) found.unitId = t("fb.error.unit");
    if (!values.topic) found.topic = t("fb.error.required");
    if (!values.text) found.text = t("fb.error.required");
    for (const [name, limit] of Object.entries(LIMITS)) {
      if (values[name].length > limit) found[name] = t("fb.error.tooLong", { limit });
    }
    status.replaceChildren();
    if (!showErrors(found)) return;
    button.disabled = true;
    button.textContent = t("fb.sending");
    try {
      const data = await gql(SUBMIT, {
        input: {
          idempotencyKey,
          channel: "ONLINE",
          unitId: values.unitId,
          topic: values.topic,
          text: values.text,
          submitterName: values.submitterName || null,
          submitterContact: values.submitterContact || null,
        },
      });
      const feedback = succeeded(data.submitFeedback).feedback;
      main.replaceChildren(...sent(feedback));
      main.querySelector("h1")?.focus();
    } catch (error) {
      if (error instanceof ApiError && error.fields) {
        const mapped = {};
        for (const [field, message] of Object.entries(error.fields)) {
          mapped[FIELD_ALIASES[field] ?? field] = t("fb.error.server", { message });
        }
        showErrors(mapped);
      }
      status.replaceChildren(h("p", { class: "alert error", role: "alert" }, errorMessage(error)));
      button.disabled = false;
      button.textContent = t("fb.send");
    }
  });

  main.replaceChildren(
    h("h1", { id: "fb-title" }, t("fb.title")),
    h("p", { class: "lead" }, t("fb.lead")),
    form,
    h("p", {}, h("a", { href: href("follow") }, t("fb.haveReference"))),
  );
}

function sent(feedback) {
  return [
    h("h1", { tabindex: "-1" }, t("fb.thanks")),
    h(
      "div",
      { class: "alert ok", role: "status" },
      h("p", {}, t("fb.yourReference")),
      h("p", { class: "reference", id: "feedback-reference" }, feedback.reference),
      h("p", {}, t("fb.keepIt", { unit: feedback.unit?.name ?? "" })),
    ),
    h(
      "p",
      {},
      h("a", { class: "button", href: href("follow", { ref: feedback.reference }) }, t("fb.followIt")),
      " ",
      h("a", { class: "button secondary", href: href("feedback", { again: Date.now() }) }, t("fb.another")),
    ),
  ];
}

/** "gy 7k3m9 qx2ta" → "GY-7K3M9-QX2TA"; Crockford's look-alikes (O, I, L) read as digits. */
export function normalizeReference(raw) {
  const compact = raw
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, "")
    .replace(/^GY/, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  if (compact.length !== 10) return raw.trim().toUpperCase();
  return `GY-${compact.slice(0, 5)}-${compact.slice(5)}`;
}

export async function renderFollow(main, _params, query) {
  const reference = query.get("ref") ? normalizeReference(query.get("ref")) : "";
  const input = h("input", {
    id: "follow-ref",
    name: "ref",
    value: reference,
    required: true,
    autocomplete: "off",
    placeholder: "GY-XXXXX-XXXXX",
    "aria-describedby": "follow-hint",
  });
  const form = h(
    "form",
    {
      class: "filters",
      role: "search",
      "aria-label": t("follow.title"),
      onsubmit: (event) => {
        event.preventDefault();
        const value = input.value.trim();
        if (!value) {
          input.setAttribute("aria-invalid", "true");
          input.focus();
          return;
        }
        location.hash = href("follow", { ref: normalizeReference(value) });
      },
    },
    h(
      "div",
      { class: "field" },
      h("label", { for: "follow-ref" }, t("follow.reference")),
      h("span", { class: "hint", id: "follow-hint" }, t("follow.hint")),
      input,
    ),
    h("div", { class: "field" }, h("button", { type: "submit" }, t("follow.look"))),
  );
  const parts = [h("h1", {}, t("follow.title")), h("p", { class: "lead" }, t("follow.lead")), form];
  if (reference) {
    const data = await gql(FOLLOW, { reference });
    const found = data.feedbackByReference;
    parts.push(found ? followUp(found) : h("p", { class: "alert error", role: "alert" }, t("follow.notFound", { reference })));
  }
  main.replaceChildren(...parts);
}

function followUp(item) {
  const steps = [
    [t("follow.submitted"), item.submittedOn],
    [t("follow.acknowledged"), item.acknowledgedOn],
    [t("follow.answered"), item.answeredOn],
    [t("follow.closed"), item.closedOn],
  ];
  return h(
    "section",
    { class: "card follow-up", "aria-labelledby": "follow-topic", dataset: { status: item.status } },
    h("h2", { id: "follow-topic" }, item.topic),
    h(
      "p",
      {},
      h("span", { class: "mono" }, item.reference),
      " · ",
      badge("FeedbackStatus", item.status),
      item.unit ? ` · ${t("follow.unit", { unit: item.unit.name })}` : "",
    ),
    h(
      "ol",
      { class: "timeline" },
      steps
        .filter(([, date]) => date)
        .map(([label, date]) => h("li", {}, h("span", { class: "when" }, formatDate(date)), " ", label)),
    ),
    h("h3", {}, t("follow.answer")),
    item.answer
      ? h("blockquote", { class: "answer" }, item.answer)
      : h("p", { class: "muted" }, t("follow.noAnswer")),
    item.closingNote ? h("p", {}, h("strong", {}, `${t("follow.closingNote")}: `), item.closingNote) : null,
  );
}
