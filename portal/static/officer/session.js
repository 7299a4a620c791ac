// The officer's token (sessionStorage, as api.js reads it) and what the server says it is.
//
// At sign-in (and each time the workspace opens) the page asks the `viewer` query: the token's
// role, a reporter's unit, and the mutations the role may send. Reading it records nothing.
import { gql } from "../api.js";

const TOKEN = "socai.token";
const CAPS = "socai.officer.caps";

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

const VIEWER = `query Viewer { viewer { role unitId unit { id name } may unitScoped } }`;

export function token() {
  return sessionStorage.getItem(TOKEN) || "";
}

/**
 * What the server said of this token, or null:
 * { acts: string[] (this workspace's acts it may record), role: "office" | "reporter" | …,
 *   unitId: string | null, unit: { id, name } | null (a reporter's unit), may: string[],
 *   unitScoped: string[] }.
 */
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

/** Stores the token, asks the server who it is; throws ApiError when it is refused. */
export async function signIn(given) {
  const previous = token();
  const previousCaps = sessionStorage.getItem(CAPS);
  sessionStorage.setItem(TOKEN, given.trim());
  try {
    const { viewer } = await gql(VIEWER, {}, { auth: true });
    const caps = {
      acts: ACTS.filter((act) => viewer.may.includes(act)),
      role: viewer.role.toLowerCase(),
      unitId: viewer.unitId,
      unit: viewer.unit,
      may: viewer.may,
      unitScoped: viewer.unitScoped,
    };
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
