// Strings in Vietnamese (default) and English. Pages register their own catalogs.
const catalogs = { vi: {}, en: {} };
const listeners = new Set();
const STORAGE_KEY = "socai.lang";
const LANGS = ["vi", "en"];

function stored() {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return LANGS.includes(value) ? value : "vi";
  } catch {
    return "vi";
  }
}

let current = stored();

/** Adds strings: `{vi: {key: "…"}, en: {key: "…"}}`; later registrations win. */
export function registerStrings(strings) {
  for (const code of LANGS) Object.assign(catalogs[code], strings[code] ?? {});
}

/** The current language: "vi" or "en". */
export function lang() {
  return current;
}

/** Switches the language, stores the choice and tells every listener. */
export function setLang(code) {
  if (!LANGS.includes(code)) throw new Error(`unknown language ${code}`);
  if (code === current) return;
  current = code;
  try {
    localStorage.setItem(STORAGE_KEY, code);
  } catch {
    // private mode: the choice lasts for this page only
  }
  document.documentElement.lang = code;
  for (const fn of listeners) fn(code);
}

/** Calls `fn(lang)` after every change of language; returns a function that stops it. */
export function onLangChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** The string for `key` in the current language, `{name}` placeholders filled from `vars`. */
export function t(key, vars = {}) {
  const text = catalogs[current][key] ?? catalogs.vi[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
}

/** Whether `key` has a string (in the current language or in Vietnamese). */
export function has(key) {
  return key in catalogs[current] || key in catalogs.vi;
}

/** A catalog record's name in the current language: `nameVi`/`nameEn` (or `textVi`/`textEn`). */
export function named(record, field = "name") {
  if (!record) return "";
  const vi = record[`${field}Vi`];
  const en = record[`${field}En`];
  return current === "en" ? (en || vi || "") : (vi || en || "");
}
