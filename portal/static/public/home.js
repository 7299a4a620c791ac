// The commune at a glance.
import { gql } from "../api.js";
import { h } from "../dom.js";
import { named, t } from "../i18n.js";

export async function renderHome(main) {
  const data = await gql(`{ program { nameVi nameEn periodStart periodEnd } }`);
  main.replaceChildren(
    h("h1", {}, t("nav.home")),
    h("p", { class: "lead" }, data.program ? named(data.program) : ""),
  );
}
