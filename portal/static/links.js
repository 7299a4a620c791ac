// Hash links: `#/path?query`. Shared by the router and the pages.

/** Splits `location.hash` into the path and the query. */
export function currentLocation() {
  const raw = location.hash.replace(/^#\/?/, "");
  const [path, search = ""] = raw.split("?", 2);
  return { path: decodeURIComponent(path).replace(/\/+$/, ""), query: new URLSearchParams(search) };
}

/** `href("unit/" + id, {asOf: "2026-06-30"})` → "#/unit/…?asOf=2026-06-30" (empty values left out). */
export function href(path, query = {}) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== null && value !== undefined && value !== "") params.set(key, value);
  }
  const search = params.toString();
  return `#/${path}${search ? `?${search}` : ""}`;
}
