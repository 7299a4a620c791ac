// The officer's workspace: sign in with a token, then the forms the token's role may use.
import "./strings.js";
import { t } from "../i18n.js";
import { ACT_LIST } from "./acts.js";
import { actForm, failureInWords, h } from "./forms.js";
import { session, signIn, signOut, token } from "./session.js";

function stylesheet() {
  if (document.querySelector("link[data-officer-css]")) return;
  const href = new URL("./officer.css", import.meta.url).href;
  document.head.append(h("link", { rel: "stylesheet", href, "data-officer-css": true }));
}

function go(path) {
  const target = `#/${path}`;
  if (location.hash === target) window.dispatchEvent(new HashChangeEvent("hashchange"));
  else location.hash = target;
}

function unitText(s) {
  if (s.unit) return s.unit.name;
  return s.unitId || s.role === "reporter" ? t("officer.who.unitNotFound") : t("officer.who.unitNone");
}

function whoPanel(s) {
  return h(
    "section",
    { class: "officer-who", "aria-labelledby": "officer-who-h" },
    h("h2", { id: "officer-who-h", text: t("officer.who.heading") }),
    h(
      "dl",
      {},
      h("dt", { text: t("officer.who.role") }),
      h("dd", { "data-role": s.role, text: t(`officer.role.${s.role}`) }),
      h("dt", { text: t("officer.who.unit") }),
      h("dd", { "data-unit": s.unit ? s.unit.id : null, text: unitText(s) }),
    ),
    h("p", { class: "hint", text: t("officer.who.how") }),
    h("button", { type: "button", class: "secondary", "data-sign-out": true, onclick: () => { signOut(); drafts.clear(); sessionStorage.setItem("socai.officer.notice", "signedOut"); go("officer"); } }, t("officer.signOut")),
  );
}

function signInForm(main) {
  const input = h("input", { id: "officer-token", name: "token", type: "password", autocomplete: "off", required: true, "aria-required": "true", "aria-describedby": "officer-token-hint officer-token-error", spellcheck: "false" });
  const error = h("p", { class: "field-error", id: "officer-token-error", hidden: true });
  const button = h("button", { type: "submit", class: "primary", text: t("officer.signIn.submit") });
  const status = h("p", { class: "form-status", role: "status", "aria-live": "polite" });
  const form = h(
    "form",
    { class: "act-form", novalidate: true, "data-act": "sign-in" },
    h(
      "fieldset",
      {},
      h("legend", { text: t("officer.signIn.legend") }),
      h("div", { class: "field" },
        h("label", { for: "officer-token", text: t("officer.signIn.token") }),
        h("p", { class: "hint", id: "officer-token-hint", text: t("officer.signIn.tokenHint") }),
        input,
        error),
      h("div", { class: "actions" }, button, status),
    ),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (button.disabled) return;
    error.hidden = true;
    input.removeAttribute("aria-invalid");
    if (!input.value.trim()) {
      error.textContent = t("err.required");
      error.hidden = false;
      input.setAttribute("aria-invalid", "true");
      input.focus();
      return;
    }
    button.disabled = true;
    status.textContent = t("officer.signIn.checking");
    try {
      await signIn(input.value);
      go("officer");
    } catch (failure) {
      const said = failureInWords(failure);
      error.textContent = said.signOut ? t("officer.signIn.rejected") : said.text;
      error.hidden = false;
      input.setAttribute("aria-invalid", "true");
      input.focus();
    } finally {
      button.disabled = false;
      status.textContent = "";
    }
  });
  main.append(form);
}

async function home(main) {
  stylesheet();
  main.replaceChildren(
    h("h1", { text: t("officer.title") }),
    h("p", { class: "lead", text: t("officer.intro") }),
  );
  const notice = sessionStorage.getItem("socai.officer.notice");
  if (notice) {
    sessionStorage.removeItem("socai.officer.notice");
    main.append(h("p", { class: "notice", role: "status", text: t("officer.signedOut") }));
  }
  let s = session();
  if (s) {
    // Ask again each time: the token may have been revoked or expired since it was given.
    try {
      s = await signIn(token());
    } catch (error) {
      if (error?.kind !== "auth") throw error;
      signOut();
      drafts.clear();
      s = null;
      main.append(h("p", { class: "notice", role: "status", text: t("err.unauthorized") }));
    }
  }
  if (!s) {
    signInForm(main);
    return;
  }
  main.append(whoPanel(s));
  const mine = ACT_LIST.filter((act) => s.acts.includes(act.mutation));
  main.append(
    h(
      "section",
      { class: "officer-acts", "aria-labelledby": "officer-acts-h" },
      h("h2", { id: "officer-acts-h", text: t("officer.acts.heading") }),
      mine.length
        ? h("ul", { class: "act-list" }, mine.map((act) =>
            h("li", {}, h("a", { href: `#/officer/${act.id}`, "data-act-link": act.id },
              h("strong", { text: t(`act.${act.id}.title`) }),
              h("span", { text: t(`act.${act.id}.intro`) })))))
        : h("p", { text: t("officer.acts.none") }),
    ),
  );
}

// Unsent forms by act, so that switching the language keeps what was typed and the form's keys.
const drafts = new Map();

function actPage(act) {
  return async (main) => {
    stylesheet();
    main.replaceChildren(
      h("p", {}, h("a", { href: "#/officer", text: t("officer.back") })),
      h("h1", { text: t(`act.${act.id}.title`) }),
      h("p", { class: "lead", text: t(`act.${act.id}.intro`) }),
    );
    const s = session();
    if (!s) {
      main.append(h("p", { class: "notice", role: "status" }, t("officer.needSignIn"), " ", h("a", { href: "#/officer", text: t("officer.signIn.submit") })));
      return;
    }
    if (!s.acts.includes(act.mutation)) {
      main.append(h("p", { class: "notice", role: "status", "data-not-permitted": true, text: t("officer.notPermitted") }));
      return;
    }
    const loading = h("p", { role: "status", text: t("officer.loading") });
    main.append(loading);
    let prepared;
    try {
      prepared = await act.prepare();
    } catch (error) {
      if (error?.kind === "auth") {
        signOut();
        drafts.clear();
        loading.replaceChildren(t("err.unauthorized"), " ", h("a", { href: "#/officer", text: t("officer.signIn.submit") }));
      } else {
        loading.textContent = t("officer.loadFailed");
      }
      return;
    }
    loading.remove();
    const holder = h("div", {});
    main.append(holder);
    const show = () => {
      const chooser = prepared.fields.find((f) => f.type === "select" && !f.options.length);
      const form = actForm(
        { id: act.id, keys: act.keys, submit: t(`act.${act.id}.submit`), ...prepared, onUnauthorized: signOut },
        {
          draft: drafts.get(act.id),
          remember: (draft) => drafts.set(act.id, draft),
          onDone(outcome) {
            drafts.delete(act.id);
            const done = h(
              "div",
              { class: "success", role: "status", tabindex: "-1", "data-success": act.id },
              h("p", { text: outcome.text }),
              h("p", {}, h("a", { href: outcome.href, "data-public-link": true, text: t("officer.viewPublic") })),
              h("p", {}, h("button", { type: "button", class: "secondary", onclick: () => { drafts.delete(act.id); actPage(act)(main); } }, t("officer.another"))),
            );
            holder.replaceChildren(done);
            done.focus();
          },
        },
      );
      const empty = chooser
        ? [h("p", { class: "notice", "data-no-choices": chooser.name, text: `${t(`field.${chooser.name}`)}: ${t("officer.noChoices")}` })]
        : [];
      holder.replaceChildren(...empty, form);
    };
    show();
  };
}

export const routes = [
  { path: "officer", title: "officer.nav", nav: true, render: home },
  ...ACT_LIST.map((act) => ({ path: `officer/${act.id}`, title: `act.${act.id}.title`, render: actPage(act) })),
];
