import * as api from "../api";
import { errorBox, h } from "../dom";
import { go, Route } from "../router";

export function loginView(root: HTMLElement, route: Route): void {
  document.title = "Sign in · tracegraph";
  const next = route.query.get("next") || "/";
  const safeNext = next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/login") ? next : "/";
  const user = h("input", { name: "user", autocomplete: "username", required: true });
  const password = h("input", { name: "password", type: "password", autocomplete: "current-password", required: true });
  const tokenInput = h("input", { name: "token", type: "password", autocomplete: "off" });
  const status = h("div", { "aria-live": "polite" });
  const done = () => {
    window.dispatchEvent(new CustomEvent("tracegraph:signed-in"));
    go(safeNext, true);
  };
  const form = h("form", { class: "stack narrow" }, h("label", null, "User ", user), h("label", null, "Password ", password), h("button", { type: "submit" }, "Sign in"));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    status.replaceChildren();
    try {
      api.setToken(null);
      if (await api.login(user.value, password.value)) done();
      else status.append(errorBox("The server did not accept the sign-in."));
    } catch (err) {
      status.append(errorBox(err));
    }
  });
  const tokenForm = h("form", { class: "stack narrow" }, h("label", null, "API token ", tokenInput), h("button", { type: "submit" }, "Use token"));
  tokenForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    api.setToken(tokenInput.value.trim());
    if (await api.session()) done();
    else {
      api.setToken(null);
      status.replaceChildren(errorBox("That token was not accepted."));
    }
  });
  if (route.query.get("signed-out")) status.append(h("p", { class: "ok", role: "status" }, "You are signed out."));
  root.append(h("h1", null, "Sign in"), form, h("details", null, h("summary", null, "Or use an API token (kept for this tab only)"), tokenForm), status);
}
