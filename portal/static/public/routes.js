// The public pages: no login.
import "./strings.js";
import { renderBoard } from "./board.js";
import { renderFeedback, renderFollow } from "./feedback.js";
import { renderHistory } from "./history.js";
import { renderHome } from "./home.js";
import { renderScorecards } from "./scorecards.js";
import { renderUnit } from "./unit.js";
import { renderVerify } from "./verify.js";

export const routes = [
  { path: "", title: "nav.home", nav: true, render: renderHome },
  { path: "board", title: "nav.board", nav: true, render: renderBoard },
  { path: "unit/:id", title: "nav.unit", render: renderUnit },
  { path: "history", title: "nav.history", nav: true, render: renderHistory },
  { path: "scorecards", title: "nav.scorecards", nav: true, render: renderScorecards },
  { path: "feedback", title: "nav.feedback", nav: true, render: renderFeedback },
  { path: "follow", title: "nav.follow", nav: true, render: renderFollow },
  { path: "verify", title: "nav.verify", nav: true, render: renderVerify },
];
