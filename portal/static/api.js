// The portal's only way to the data: the server's own GraphQL API.
import { has, t } from "./i18n.js";

const ENDPOINT = "/graphql";
const TOKEN_KEY = "socai.token";

/**
 * A failed call. `kind` is one of:
 * "network" (no answer), "auth" (no token, or the token was refused: HTTP 401),
 * "rate" (HTTP 429), "http" (another HTTP failure), "graphql" (the API's errors: `code` holds
 * `extensions.code`, `fields` maps `extensions.field` to the message), or "failure" (a
 * mutation answered a Failure type: `typename`, `rule`, `fields` for InvalidInput).
 */
export class ApiError extends Error {
  constructor(kind, message, { fields, code, typename, rule, status } = {}) {
    super(message);
    this.name = "ApiError";
    this.kind = kind;
    this.fields = fields;
    this.code = code;
    this.typename = typename;
    this.rule = rule;
    this.status = status;
  }
}

/** POSTs a query; `auth: true` sends the officer's bearer token. Returns `data`. */
export async function gql(query, variables = {}, { auth = false } = {}) {
  const headers = { "content-type": "application/json", accept: "application/json" };
  if (auth) {
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (!token) throw new ApiError("auth", "no token");
    headers.authorization = `Bearer ${token}`;
  }
  let response;
  try {
    response = await fetch(ENDPOINT, {
      method: "POST",
      headers,
      body: JSON.stringify({ query, variables }),
    });
  } catch (error) {
    throw new ApiError("network", String(error?.message ?? error));
  }
  const status = response.status;
  if (status === 401) throw new ApiError("auth", "invalid credentials", { status });
  if (status === 429) throw new ApiError("rate", "too many requests", { status });
  let body;
  try {
    body = await response.json();
  } catch {
    throw new ApiError("http", `HTTP ${status}`, { status });
  }
  if (body?.errors?.length) {
    const first = body.errors[0];
    const code = first.extensions?.code;
    const field = first.extensions?.field;
    const fields = {};
    for (const error of body.errors) {
      if (error.extensions?.field) fields[error.extensions.field] = error.message;
    }
    throw new ApiError("graphql", first.message, {
      code,
      status,
      fields: field ? fields : undefined,
    });
  }
  if (!response.ok || !body?.data) throw new ApiError("http", `HTTP ${status}`, { status });
  return body.data;
}

const FAILURES = new Set([
  "NotFound",
  "NotAllowed",
  "RuleBroken",
  "Conflict",
  "InvalidInput",
  "IdempotencyKeyReused",
]);

/**
 * A mutation's result union, checked: returns it if it is not a Failure, else throws
 * ApiError("failure"). Select `__typename` and `... on Failure { message }`,
 * `... on RuleBroken { rule }`, `... on InvalidInput { field }`.
 */
export function succeeded(result) {
  if (!result || !FAILURES.has(result.__typename)) return result;
  const fields = result.field ? { [result.field]: result.message } : undefined;
  throw new ApiError("failure", result.message ?? result.__typename, {
    typename: result.__typename,
    rule: result.rule,
    fields,
  });
}

/** A fresh idempotency key: make it when a form is shown and keep it across retries. */
export function newIdempotencyKey() {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  // Pages served over plain HTTP off localhost have no randomUUID: build a v4 UUID by hand.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * An error in plain words, in the current language. A Failure's rule or typename, a GraphQL
 * error's code, or the kind of transport failure picks the string (`error.rule.<Rule>`,
 * `error.<Typename>`, `error.code.<CODE>`, `error.<kind>`); the API's own message is the
 * last resort.
 */
export function errorMessage(error) {
  if (!(error instanceof ApiError)) return t("error.unexpected");
  const keys = [];
  if (error.rule) keys.push(`error.rule.${error.rule}`);
  if (error.typename) keys.push(`error.${error.typename}`);
  if (error.code) keys.push(`error.code.${error.code}`);
  keys.push(`error.${error.kind}`);
  for (const key of keys) if (has(key)) return t(key, { message: error.message });
  return error.message;
}
