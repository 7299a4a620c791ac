// The verification status: the latest signed checkpoint, the public key, how to check them.
import { gql } from "../api.js";
import { h } from "../dom.js";
import { formatDateTime, formatNumber } from "../format.js";
import { t } from "../i18n.js";

const QUERY = `{
  latestCheckpoint { treeSize position rootHash note signedAt }
  publicKey { origin verifierKey keyId }
}`;

function download(name, text, label) {
  const url = `data:text/plain;charset=utf-8,${encodeURIComponent(text.endsWith("\n") ? text : `${text}\n`)}`;
  return h("a", { class: "button secondary", href: url, download: name }, label);
}

export async function renderVerify(main) {
  const data = await gql(QUERY);
  const checkpoint = data.latestCheckpoint;
  const key = data.publicKey;
  const noteFile = checkpoint ? `checkpoint-${checkpoint.treeSize}.note` : "checkpoint.note";
  main.replaceChildren(
    h("h1", {}, t("verify.title")),
    h("p", { class: "lead" }, t("verify.lead")),
    h(
      "section",
      { class: "card", "aria-labelledby": "verify-checkpoint" },
      h("h2", { id: "verify-checkpoint" }, t("verify.checkpoint")),
      checkpoint
        ? [
            h(
              "dl",
              { class: "facts" },
              h("dt", {}, t("verify.treeSize")),
              h("dd", { id: "checkpoint-size" }, formatNumber(checkpoint.treeSize)),
              h("dt", {}, t("verify.signedAt")),
              h("dd", {}, formatDateTime(checkpoint.signedAt)),
              h("dt", {}, t("verify.rootHash")),
              h("dd", { class: "mono" }, checkpoint.rootHash),
            ),
            h("h3", {}, t("verify.note")),
            h("pre", { id: "checkpoint-note" }, checkpoint.note),
            download(noteFile, checkpoint.note, t("verify.saveNote")),
          ]
        : h("p", { class: "alert info" }, t("verify.noCheckpoint")),
    ),
    h(
      "section",
      { class: "card", "aria-labelledby": "verify-key" },
      h("h2", { id: "verify-key" }, t("verify.key")),
      key
        ? [
            h("p", {}, t("verify.keyAbout", { origin: key.origin, keyId: key.keyId })),
            h("pre", { id: "verifier-key" }, key.verifierKey),
            download("socai.key.pub", key.verifierKey, t("verify.saveKey")),
          ]
        : h("p", { class: "alert info" }, t("verify.noKey")),
    ),
    h(
      "section",
      { class: "card", "aria-labelledby": "verify-how" },
      h("h2", { id: "verify-how" }, t("verify.how")),
      h(
        "ol",
        {},
        h("li", {}, t("verify.step1")),
        h("li", {}, t("verify.step2", { file: noteFile })),
        h("li", {}, t("verify.step3")),
      ),
      h("pre", {}, `socai verify --public-key socai.key.pub --checkpoint ${noteFile}`),
      h("p", {}, t("verify.exit")),
    ),
  );
}
