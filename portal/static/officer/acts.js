// The common acts of each role: what each form asks, where its choices come from, how it is sent.
//
// Choices are read as the public reads them (no token): the lists need no personal field, and a
// read by a role that may see personal data would be recorded as such a read.
import { gql } from "../api.js";
import { formatDate, formatPercent } from "../format.js";
import { lang, t } from "../i18n.js";
import { session } from "./session.js";

const MAX_NAME = 200;
const MAX_TEXT = 4000;
const MAX_REASON = 2000;

/**
 * A reporter acts for its own unit only, for the mutations `viewer` names in `unitScoped`; the
 * server allows such a command when the reporter's unit is among the record's units (a task's
 * lead or coordinating units, a feedback's unit). Returns the unit to offer records of, or
 * `undefined` when this token is not so limited ("" for a reporter token without a unit, which
 * the server lets act on no record).
 */
function scopedToToken(mutation) {
  const s = session();
  if (!s || !(s.unitScoped || []).includes(mutation)) return undefined;
  return s.unitId || "";
}

/** A public page of the portal, as a hash link. */
export function publicHref(path) {
  return `#/${path}`;
}

function name(item) {
  return lang() === "en" ? item.nameEn || item.nameVi : item.nameVi;
}

async function every(query, field, variables = {}) {
  const nodes = [];
  let after = null;
  for (let page = 0; page < 50; page += 1) {
    const data = await gql(query, { ...variables, after });
    nodes.push(...data[field].nodes);
    if (!data[field].pageInfo.hasNextPage) break;
    after = data[field].pageInfo.endCursor;
  }
  return nodes;
}

let programCache = null;
async function program() {
  if (!programCache) {
    const data = await gql(`{ program { periodStart periodEnd
      taskAreas { code nameVi nameEn } phases { code nameVi nameEn startsOn endsOn } } }`);
    programCache = data.program;
  }
  return programCache;
}

function periodOf(p) {
  return {
    start: p.periodStart,
    end: p.periodEnd,
    startText: formatDate(p.periodStart),
    endText: formatDate(p.periodEnd),
  };
}

const ASSIGN_TASK = `mutation($input: AssignTaskInput!) { assignTask(input: $input) { __typename
  ... on TaskChanged { position task { id title leadUnit { id name } } }
  ... on Failure { message }
  ... on InvalidInput { field }
  ... on RuleBroken { rule }
  } }`;

const OPEN_TASKS = `query($unit: ID, $after: String) { tasks(status: OPEN, unitId: $unit, first: 200, after: $after) {
  nodes { id title percent dueDate leadUnit { id name } } pageInfo { hasNextPage endCursor } } }`;

const REPORT_PROGRESS = `mutation($input: ReportProgressInput!) { reportProgress(input: $input) { __typename
  ... on TaskChanged { position task { id title percent leadUnit { id name } } }
  ... on Failure { message }
  ... on InvalidInput { field }
  ... on RuleBroken { rule }
  } }`;

const ASSESSED_CANDIDACIES = `query($after: String) { candidacies(state: ASSESSED, first: 200, after: $after) {
  nodes { id unit { id name } modelType { code nameVi nameEn } lastAssessment { passed assessedOn } }
  pageInfo { hasNextPage endCursor } } }`;

const RECOGNIZE_MODEL = `mutation($input: RecognizeModelInput!) { recognizeModel(input: $input) { __typename
  ... on ModelCandidacyChanged { position candidacy { id validUntil unit { id name } modelType { nameVi nameEn } } }
  ... on Failure { message }
  ... on InvalidInput { field }
  ... on RuleBroken { rule }
  } }`;

const PROPOSED_COMMENDATIONS = `query($after: String) { commendations(status: PROPOSED, first: 200, after: $after) {
  nodes { id form achievement recipientKind recipientName unit { id name } }
  pageInfo { hasNextPage endCursor } } }`;

const ISSUE_COMMENDATION = `mutation($input: IssueCommendationInput!) { issueCommendation(input: $input) { __typename
  ... on CommendationChanged { position commendation { id form decisionNumber unit { id name } } }
  ... on Failure { message }
  ... on InvalidInput { field }
  ... on RuleBroken { rule }
  } }`;

const FLAG_SHORTCOMING = `mutation($input: FlagShortcomingInput!) { flagShortcoming(input: $input) { __typename
  ... on ShortcomingChanged { position shortcoming { id unit { id name } } }
  ... on Failure { message }
  ... on InvalidInput { field }
  ... on RuleBroken { rule }
  } }`;

const OPEN_SHORTCOMINGS = `query($after: String) { shortcomings(status: OPEN, first: 200, after: $after) {
  nodes { id severity finding flaggedOn unit { id name } } pageInfo { hasNextPage endCursor } } }`;

const RESOLVE_SHORTCOMING = `mutation($input: ResolveShortcomingInput!) { resolveShortcoming(input: $input) { __typename
  ... on ShortcomingChanged { position shortcoming { id unit { id name } } }
  ... on Failure { message }
  ... on InvalidInput { field }
  ... on RuleBroken { rule }
  } }`;

const ACKNOWLEDGE_FEEDBACK = `mutation($input: AcknowledgeFeedbackInput!) { acknowledgeFeedback(input: $input) { __typename
  ... on FeedbackChanged { position }
  ... on Failure { message }
  ... on InvalidInput { field }
  ... on RuleBroken { rule }
  } }`;

const ANSWER_FEEDBACK = `mutation($input: AnswerFeedbackInput!) { answerFeedback(input: $input) { __typename
  ... on FeedbackChanged { position feedback { id reference unit { id name } } }
  ... on Failure { message }
  ... on InvalidInput { field }
  ... on RuleBroken { rule }
  } }`;

const UNITS = `query($after: String) { units(status: ACTIVE, first: 200, after: $after) {
  nodes { id code name kind } pageInfo { hasNextPage endCursor } } }`;

function unitOptions(units) {
  return units
    .slice()
    .sort((a, b) => a.name.localeCompare(b.name, "vi"))
    .map((u) => ({ value: u.id, label: `${u.name} (${u.code})` }));
}

function reasonField() {
  return { name: "reason", type: "text", maxLength: MAX_REASON };
}

function dateField(nameOf, period, required = true, hint = "hint.date") {
  return { name: nameOf, type: "date", required, hint: t(hint, { start: period.startText, end: period.endText }) };
}

async function mutate(mutation, field, input, pick) {
  const data = await gql(mutation, { input }, { auth: true });
  const result = data[field];
  if (result.__typename.endsWith("Changed")) return { ok: true, ...pick(result) };
  return { failure: result };
}

export const ACT_LIST = [
  {
    id: "assign",
    mutation: "assignTask",
    async prepare() {
      const [p, units] = await Promise.all([program(), every(UNITS, "units")]);
      const period = periodOf(p);
      return {
        period,
        fields: [
          { name: "title", type: "text", required: true, maxLength: MAX_NAME },
          { name: "area", type: "select", required: true, options: p.taskAreas.map((a) => ({ value: a.code, label: `${a.code} — ${name(a)}` })) },
          { name: "phase", type: "select", required: true, options: p.phases.map((ph) => ({ value: ph.code, label: `${name(ph)} (${formatDate(ph.startsOn)} – ${formatDate(ph.endsOn)})` })) },
          { name: "leadUnitId", type: "select", required: true, options: unitOptions(units) },
          dateField("dueDate", period),
          { name: "description", type: "textarea", maxLength: MAX_TEXT },
          reasonField(),
        ],
        send: (v, keys) =>
          mutate(
            ASSIGN_TASK,
            "assignTask",
            { idempotencyKey: keys.main, title: v.title, area: v.area, phase: v.phase, leadUnitId: v.leadUnitId, dueDate: v.dueDate, description: v.description, reason: v.reason },
            (r) => ({
              text: t("act.assign.done", { title: r.task.title, unit: r.task.leadUnit.name }),
              href: publicHref(`unit/${r.task.leadUnit.id}`),
            }),
          ),
      };
    },
  },
  {
    id: "progress",
    mutation: "reportProgress",
    async prepare() {
      // The tasks filter by unit matches a lead or a coordinating unit, as the server's scope does.
      const unit = scopedToToken("reportProgress");
      const [p, tasks] = await Promise.all([
        program(),
        unit === "" ? [] : every(OPEN_TASKS, "tasks", { unit: unit ?? null }),
      ]);
      return {
        period: periodOf(p),
        fields: [
          { name: "taskId", type: "select", required: true, options: tasks.map((task) => ({ value: task.id, label: t("choice.task", { title: task.title, unit: task.leadUnit.name, percent: formatPercent(task.percent), due: formatDate(task.dueDate) }) })) },
          { name: "percent", type: "number", required: true, min: 0, max: 100, hint: t("hint.percent") },
          { name: "summary", type: "textarea", required: true, maxLength: MAX_TEXT },
          { name: "evidence", type: "lines", maxLength: MAX_NAME * 5, maxItems: 50, hint: t("officer.linesHint") },
          reasonField(),
        ],
        send: (v, keys) =>
          mutate(
            REPORT_PROGRESS,
            "reportProgress",
            { idempotencyKey: keys.main, taskId: v.taskId, percent: Number(v.percent), summary: v.summary, evidence: v.evidence, reason: v.reason },
            (r) => ({
              text: t("act.progress.done", { title: r.task.title, percent: formatPercent(r.task.percent) }),
              href: publicHref(`unit/${r.task.leadUnit.id}`),
            }),
          ),
      };
    },
  },
  {
    id: "recognize",
    mutation: "recognizeModel",
    async prepare() {
      const [p, candidacies] = await Promise.all([
        program(),
        every(
          ASSESSED_CANDIDACIES,
          "candidacies",
        ),
      ]);
      const period = periodOf(p);
      const passed = candidacies.filter((c) => c.lastAssessment && c.lastAssessment.passed);
      return {
        period,
        fields: [
          { name: "candidacyId", type: "select", required: true, options: passed.map((c) => ({ value: c.id, label: t("choice.candidacy", { unit: c.unit.name, model: name(c.modelType), on: formatDate(c.lastAssessment.assessedOn) }) })) },
          { name: "decisionNumber", type: "text", required: true, maxLength: MAX_NAME },
          dateField("decisionDate", period),
          dateField("validUntil", period, true, "hint.validUntil"),
          reasonField(),
        ],
        crossCheck: (v) =>
          v.decisionDate && v.validUntil && v.validUntil <= v.decisionDate ? { validUntil: t("err.notAfter") } : {},
        send: (v, keys) =>
          mutate(
            RECOGNIZE_MODEL,
            "recognizeModel",
            { idempotencyKey: keys.main, candidacyId: v.candidacyId, decisionNumber: v.decisionNumber, decisionDate: v.decisionDate, validUntil: v.validUntil, reason: v.reason },
            (r) => ({
              text: t("act.recognize.done", { unit: r.candidacy.unit.name, model: name(r.candidacy.modelType), until: formatDate(r.candidacy.validUntil) }),
              href: publicHref(`unit/${r.candidacy.unit.id}`),
            }),
          ),
      };
    },
  },
  {
    id: "commend",
    mutation: "issueCommendation",
    async prepare() {
      const [p, proposals] = await Promise.all([
        program(),
        every(
          PROPOSED_COMMENDATIONS,
          "commendations",
        ),
      ]);
      const period = periodOf(p);
      return {
        period,
        fields: [
          { name: "commendationId", type: "select", required: true, options: proposals.map((c) => ({ value: c.id, label: t("choice.commendation", { form: c.form, recipient: c.recipientName || (c.unit && c.unit.name) || t("choice.withheld"), achievement: c.achievement.slice(0, 80) }) })) },
          { name: "decisionNumber", type: "text", required: true, maxLength: MAX_NAME },
          dateField("decisionDate", period),
          { name: "issuedBy", type: "text", required: true, maxLength: MAX_NAME },
          reasonField(),
        ],
        send: (v, keys) =>
          mutate(
            ISSUE_COMMENDATION,
            "issueCommendation",
            { idempotencyKey: keys.main, commendationId: v.commendationId, decisionNumber: v.decisionNumber, decisionDate: v.decisionDate, issuedBy: v.issuedBy, reason: v.reason },
            (r) => ({
              text: t("act.commend.done", { form: r.commendation.form, number: r.commendation.decisionNumber }),
              href: r.commendation.unit ? publicHref(`unit/${r.commendation.unit.id}`) : publicHref("board"),
            }),
          ),
      };
    },
  },
  {
    id: "flag",
    mutation: "flagShortcoming",
    async prepare() {
      const [p, units] = await Promise.all([program(), every(UNITS, "units")]);
      return {
        period: periodOf(p),
        fields: [
          { name: "unitId", type: "select", required: true, options: unitOptions(units) },
          { name: "severity", type: "select", required: true, options: ["MINOR", "MODERATE", "SERIOUS"].map((s) => ({ value: s, label: t(`severity.${s}`) })) },
          { name: "finding", type: "textarea", required: true, maxLength: MAX_TEXT },
          { name: "source", type: "text", maxLength: MAX_NAME },
          reasonField(),
        ],
        send: (v, keys) =>
          mutate(
            FLAG_SHORTCOMING,
            "flagShortcoming",
            { idempotencyKey: keys.main, unitId: v.unitId, severity: v.severity, finding: v.finding, source: v.source || null, reason: v.reason },
            (r) => ({
              text: t("act.flag.done", { unit: r.shortcoming.unit.name }),
              href: publicHref(`unit/${r.shortcoming.unit.id}`),
            }),
          ),
      };
    },
  },
  {
    id: "resolve",
    mutation: "resolveShortcoming",
    async prepare() {
      const [p, open] = await Promise.all([
        program(),
        every(
          OPEN_SHORTCOMINGS,
          "shortcomings",
        ),
      ]);
      return {
        period: periodOf(p),
        fields: [
          { name: "shortcomingId", type: "select", required: true, options: open.map((s) => ({ value: s.id, label: t("choice.shortcoming", { unit: s.unit ? s.unit.name : "—", finding: s.finding.slice(0, 80), severity: t(`severity.${s.severity}`), on: formatDate(s.flaggedOn) }) })) },
          { name: "resolution", type: "textarea", required: true, maxLength: MAX_TEXT },
          { name: "evidence", type: "lines", maxLength: MAX_NAME * 5, maxItems: 50, hint: t("officer.linesHint") },
          reasonField(),
        ],
        send: (v, keys) =>
          mutate(
            RESOLVE_SHORTCOMING,
            "resolveShortcoming",
            { idempotencyKey: keys.main, shortcomingId: v.shortcomingId, resolution: v.resolution, evidence: v.evidence, reason: v.reason },
            (r) => ({
              text: t("act.resolve.done", { unit: r.shortcoming.unit ? r.shortcoming.unit.name : "—" }),
              href: r.shortcoming.unit ? publicHref(`unit/${r.shortcoming.unit.id}`) : publicHref("board"),
            }),
          ),
      };
    },
  },
  {
    id: "answer",
    mutation: "answerFeedback",
    keys: ["acknowledge", "main"],
    async prepare() {
      const [p, waiting] = await Promise.all([
        program(),
        gql(`{ waitingFeedback { waitingDays feedback { id reference topic status unit { id name } } } }`),
      ]);
      // The waiting list has no unit filter: a reporter is offered its own unit's feedback only.
      const unit = scopedToToken("answerFeedback");
      const shown = waiting.waitingFeedback.filter(
        (w) => unit === undefined || Boolean(unit && w.feedback.unit && w.feedback.unit.id === unit),
      );
      const byId = Object.fromEntries(shown.map((w) => [w.feedback.id, w.feedback]));
      return {
        period: periodOf(p),
        fields: [
          { name: "feedbackId", type: "select", required: true, options: shown.map((w) => ({ value: w.feedback.id, label: t("choice.feedback", { reference: w.feedback.reference, unit: w.feedback.unit ? w.feedback.unit.name : "—", topic: w.feedback.topic, days: w.waitingDays, status: t(`feedbackStatus.${w.feedback.status}`) }) })) },
          { name: "answer", type: "textarea", required: true, maxLength: MAX_TEXT },
          reasonField(),
        ],
        async send(v, keys) {
          const chosen = byId[v.feedbackId];
          if (chosen && chosen.status === "SUBMITTED") {
            // Answering needs an acknowledgement first; its own key makes a retry harmless.
            const ack = await mutate(
              ACKNOWLEDGE_FEEDBACK,
              "acknowledgeFeedback",
              { idempotencyKey: keys.acknowledge, feedbackId: v.feedbackId, reason: v.reason },
              () => ({}),
            );
            if (!ack.ok && ack.failure.rule !== "FeedbackAlreadyAcknowledged") return ack;
          }
          return mutate(
            ANSWER_FEEDBACK,
            "answerFeedback",
            { idempotencyKey: keys.main, feedbackId: v.feedbackId, answer: v.answer, reason: v.reason },
            (r) => ({
              text: t("act.answer.done", { reference: r.feedback.reference }),
              href: publicHref(`follow?ref=${encodeURIComponent(r.feedback.reference)}`),
            }),
          );
        },
      };
    },
  },
];
