// Strings of the public pages.
import { registerStrings } from "../i18n.js";

registerStrings({
  vi: {
    "nav.home": "Toàn xã",
  },
  en: {
    "nav.home": "The commune",
  },
});
