// The hash router: `#/path?query`. Routes come from ./public/routes.js and ./officer/routes.js.
// Pages build links with `href` from ./links.js (re-exported here).
import { errorMessage } from "./api.js";
import { h } from "./dom.js";
import { lang, onLangChange, setLang, t } from "./i18n.js";
import { currentLocation } from "./links.js";
import "./strings.js";
import { routes as publicRoutes } from "./public/routes.js";

async function officerRoutes() {
  try {
    const module = await import("./officer/routes.js");
    return module.routes ?? [];
  } catch (error) {
    if (!String(error?.message).includes("officer/routes.js")) console.error(error);
    return [];
  }
}

const main = document.getElementById("main");
let routes = [...publicRoutes];
let generation = 0;
let lastPath = null;

export { currentLocation, href } from "./links.js";

function match(path) {
  const given = path === "" ? [] : path.split("/");
  for (const route of routes) {
    const pattern = route.path === "" ? [] : route.path.split("/");
    if (pattern.length !== given.length) continue;
    const params = {};
    const ok = pattern.every((part, i) => {
      if (part.startsWith(":")) {
        params[part.slice(1)] = given[i];
        return true;
      }
      return part === given[i];
    });
    if (ok) return { route, params };
  }
  return null;
}

function renderNav(activePath) {
  const list = document.getElementById("nav-list");
  list.replaceChildren(
    ...routes
      .filter((route) => route.nav)
      .map((route) => {
        const active =
          route.path === activePath ||
          (route.path !== "" && activePath.startsWith(`${route.path}/`));
        return h(
          "li",
          {},
          h("a", { href: `#/${route.path}`, "aria-current": active ? "page" : null }, t(route.title)),
        );
      }),
  );
}

function renderShell() {
  document.documentElement.lang = lang();
  for (const element of document.querySelectorAll("[data-i18n]")) {
    element.textContent = t(element.dataset.i18n);
  }
  for (const element of document.querySelectorAll("[data-i18n-aria]")) {
    element.setAttribute("aria-label", t(element.dataset.i18nAria));
  }
  for (const button of document.querySelectorAll("[data-lang]")) {
    button.setAttribute("aria-pressed", String(button.dataset.lang === lang()));
  }
}

async function render() {
  const mine = ++generation;
  const { path, query } = currentLocation();
  const found = match(path);
  renderShell();
  renderNav(path);
  const container = h("div", { class: "page" });
  main.replaceChildren(container);
  main.dataset.state = "loading";
  if (!found) {
    document.title = `${t("app.notFoundTitle")} — ${t("app.name")}`;
    container.append(
      h("h1", {}, t("app.notFoundTitle")),
      h("p", {}, t("app.notFound")),
      h("p", {}, h("a", { href: "#/" }, t("app.home"))),
    );
    main.dataset.state = "ready";
  } else {
    document.title = `${t(found.route.title)} — ${t("app.name")}`;
    container.append(h("p", { class: "loading", role: "status" }, t("app.loading")));
    try {
      await found.route.render(container, found.params, query);
      if (mine !== generation) return;
      main.dataset.state = "ready";
    } catch (error) {
      if (mine !== generation) return;
      console.error(error);
      container.replaceChildren(
        h("h1", {}, t(found.route.title)),
        h("p", { class: "alert error", role: "alert" }, errorMessage(error)),
        h("p", {}, h("button", { type: "button", onclick: () => render() }, t("app.retry"))),
      );
      main.dataset.state = "error";
    }
  }
  if (mine !== generation) return;
  // For tests and assistive tools: which location, and how many renders, the page shows.
  main.dataset.hash = location.hash || "#/";
  main.dataset.renders = String(mine);
  // Focus moves to the new page, not when only its query (a filter) or the language changed.
  if (lastPath !== null && lastPath !== path) main.focus();
  lastPath = path;
}

for (const button of document.querySelectorAll("[data-lang]")) {
  button.addEventListener("click", () => setLang(button.dataset.lang));
}
window.addEventListener("hashchange", () => render());
onLangChange(() => render());

routes = [...publicRoutes, ...(await officerRoutes())];
render();
