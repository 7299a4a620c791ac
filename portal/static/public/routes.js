// The public pages: no login.
import "./strings.js";
import { renderHome } from "./home.js";

export const routes = [{ path: "", title: "nav.home", nav: true, render: renderHome }];
