// The officer's token (sessionStorage, as api.js reads it) and what the server says it may do.
//
// The API has no "who am I" query. What a token may record is asked of the server itself:
// each act's mutation is sent once about a record that cannot exist (the nil id). The server
// checks the role before it loads anything, so a role without the permission answers
// `NotAllowed`, and a role with it answers `NotFound`; either way nothing is recorded.
import { gql, newIdempotencyKey } from "../api.js";

const TOKEN = "socai.token";
const CAPS = "socai.officer.caps";
const NIL = "00000000-0000-0000-0000-000000000000";

/** The acts of this workspace, by the mutation that records each. */
export const ACTS = [
  "assignTask",
  "reportProgress",
  "recognizeModel",
  "issueCommendation",
  "flagShortcoming",
  "resolveShortcoming",
  "answerFeedback",
];

const PROBE = `mutation Probe($nil: ID!, $a: String!, $b: String!, $c: String!, $d: String!,
    $e: String!, $f: String!, $g: String!) {
  assignTask: assignTask(input: {idempotencyKey: $a, title: "-", area: "-", phase: "-",
      leadUnitId: $nil, dueDate: "2026-01-01"}) { __typename }
  reportProgress: reportProgress(input: {idempotencyKey: $b, taskId: $nil, percent: 0,
      summary: "-"}) { __typename }
  recognizeModel: recognizeModel(input: {idempotencyKey: $c, candidacyId: $nil,
      decisionNumber: "-", decisionDate: "2026-01-01", validUntil: "2026-01-02"}) { __typename }
  issueCommendation: issueCommendation(input: {idempotencyKey: $d, commendationId: $nil,
      decisionNumber: "-", decisionDate: "2026-01-01", issuedBy: "-"}) { __typename }
  flagShortcoming: flagShortcoming(input: {idempotencyKey: $e, unitId: $nil,
      severity: MINOR, finding: "-"}) { __typename }
  resolveShortcoming: resolveShortcoming(input: {idempotencyKey: $f, shortcomingId: $nil,
      resolution: "-"}) { __typename }
  answerFeedback: answerFeedback(input: {idempotencyKey: $g, feedbackId: $nil,
      answer: "-"}) { __typename }
}`;

export function token() {
  return sessionStorage.getItem(TOKEN) || "";
}

/** What the server answered for this token: { acts: string[], role: string }, or null. */
export function session() {
  if (!token()) return null;
  try {
    return JSON.parse(sessionStorage.getItem(CAPS) || "null");
  } catch {
    return null;
  }
}

export function may(act) {
  const s = session();
  return Boolean(s && s.acts.includes(act));
}

/** The role these permissions belong to (README "Roles"): the mutations only one role records. */
function roleOf(acts) {
  if (acts.includes("assignTask")) return "office";
  if (acts.includes("recognizeModel") || acts.includes("issueCommendation")) return "committee";
  if (acts.includes("flagShortcoming")) return "inspector";
  if (acts.includes("reportProgress")) return "reporter";
  return "none";
}

/** Stores the token, asks the server what it may record; throws ApiError when it is refused. */
export async function signIn(given) {
  const previous = token();
  const previousCaps = sessionStorage.getItem(CAPS);
  sessionStorage.setItem(TOKEN, given.trim());
  try {
    // Nothing is ever recorded, but fresh keys keep a probe from meeting a key in use.
    const keys = Object.fromEntries([..."abcdefg"].map((k) => [k, `probe-${newIdempotencyKey()}`]));
    const data = await gql(PROBE, { nil: NIL, ...keys }, { auth: true });
    const acts = ACTS.filter((act) => data[act] && data[act].__typename !== "NotAllowed");
    const caps = { acts, role: roleOf(acts) };
    sessionStorage.setItem(CAPS, JSON.stringify(caps));
    return caps;
  } catch (error) {
    // Whatever was signed in before stays signed in (the caller signs out on a refusal).
    if (previous) sessionStorage.setItem(TOKEN, previous);
    else sessionStorage.removeItem(TOKEN);
    if (previous && previousCaps) sessionStorage.setItem(CAPS, previousCaps);
    else sessionStorage.removeItem(CAPS);
    throw error;
  }
}

export function signOut() {
  sessionStorage.removeItem(TOKEN);
  sessionStorage.removeItem(CAPS);
}
