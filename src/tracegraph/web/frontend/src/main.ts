// The workbench's shell: header with search and navigation, the routed page, keyboard shortcuts.
import "./app.css";
import * as api from "./api";
import { clear, errorBox, h, link } from "./dom";
import { go, Route, setCleanup, start, View } from "./router";
import { documentsView } from "./views/documents";
import { entityView } from "./views/entity";
import { homeView } from "./views/home";
import { jobsView } from "./views/jobs";
import { listingsView } from "./views/listings";
import { loginView } from "./views/login";
import { networkView } from "./views/network";
import { screenView } from "./views/screen";
import { searchView } from "./views/search";
import { substancesView } from "./views/substances";
import { timelineView } from "./views/timeline";

const ROUTES: Record<string, View> = {
  "": homeView,
  search: searchView,
  entity: entityView,
  network: networkView,
  timeline: timelineView,
  screen: screenView,
  substances: substancesView,
  listings: listingsView,
  documents: documentsView,
  jobs: jobsView,
  login: loginView,
};

const NAV: [string, string, string][] = [
  ["/search", "Search", "s"],
  ["/network", "Network", "n"],
  ["/timeline", "Timeline", "t"],
  ["/screen", "Screening", "c"],
  ["/substances", "Substances", "u"],
  ["/listings", "Listings", "l"],
  ["/documents", "Documents", "d"],
  ["/jobs", "Jobs", "j"],
];

const main = h("main", { id: "main", tabindex: "-1" });
const searchInput = h("input", {
  type: "search",
  name: "quick",
  placeholder: "Search people, companies, substances… ( / )",
  "aria-label": "Search",
  autocomplete: "off",
});
const userBox = h("span", { class: "user" });

function shell(): HTMLElement {
  const form = h("form", { class: "quick-search", role: "search", action: "/search" }, searchInput);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const q = searchInput.value.trim();
    if (q) go(`/search?q=${encodeURIComponent(q)}`);
  });
  const nav = h(
    "nav",
    { "aria-label": "Pages" },
    NAV.map(([href, label, key]) => link(href, label, h("kbd", { class: "hint" }, `g ${key}`))),
  );
  return h(
    "div",
    { class: "shell" },
    h("a", { href: "#main", class: "skip" }, "Skip to content"),
    h("header", null, link("/", h("strong", { class: "brand" }, "tracegraph")), form, nav, userBox),
    main,
    helpOverlay(),
  );
}

function helpOverlay(): HTMLElement {
  const rows: [string, string][] = [
    ["/", "focus the search box"],
    ["j / k", "next / previous item in a list"],
    ["Enter", "open the focused item"],
    ["g then s n t c u l d j", "go to Search, Network, Timeline, sCreening, sUbstances, Listings, Documents, Jobs"],
    ["?", "show or hide this help"],
    ["Esc", "close this help, leave a text field"],
  ];
  return h(
    "div",
    { id: "help", class: "overlay", hidden: true, role: "dialog", "aria-label": "Keyboard shortcuts" },
    h("div", { class: "panel" }, h("h2", null, "Keyboard"), h("dl", null, rows.map(([k, v]) => [h("dt", null, h("kbd", null, k)), h("dd", null, v)]))),
  );
}

function focusables(): HTMLElement[] {
  return Array.from(main.querySelectorAll<HTMLElement>("[data-item]"));
}

function moveFocus(step: number): void {
  const items = focusables();
  if (!items.length) return;
  const at = items.indexOf(document.activeElement as HTMLElement);
  const next = items[Math.max(0, Math.min(items.length - 1, at + step))] ?? items[0];
  next.focus();
  next.scrollIntoView({ block: "nearest" });
}

let pendingG = false;
function onKey(event: KeyboardEvent): void {
  const target = event.target as HTMLElement;
  const typing = target.matches("input, textarea, select, [contenteditable]");
  const help = document.getElementById("help");
  if (event.key === "Escape") {
    if (help && !help.hidden) help.hidden = true;
    else if (typing) target.blur();
    return;
  }
  if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
  if (pendingG) {
    pendingG = false;
    const found = NAV.find(([, , key]) => key === event.key);
    if (found) {
      event.preventDefault();
      go(found[0]);
    }
    return;
  }
  switch (event.key) {
    case "/":
      event.preventDefault();
      searchInput.focus();
      searchInput.select();
      break;
    case "?":
      if (help) help.hidden = !help.hidden;
      break;
    case "j":
      moveFocus(1);
      break;
    case "k":
      moveFocus(-1);
      break;
    case "g":
      pendingG = true;
      setTimeout(() => (pendingG = false), 1500);
      break;
    case "Enter": {
      const item = document.activeElement as HTMLElement | null;
      const a = item?.matches("[data-item]") ? item.querySelector<HTMLAnchorElement>("a[href]") : null;
      if (a && item !== a) a.click();
      break;
    }
  }
}

function markNav(route: Route): void {
  const first = `/${route.path[0] ?? ""}`;
  document.querySelectorAll("header nav a").forEach((a) => {
    if (a.getAttribute("href") === first) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  });
  const q = route.query.get("q");
  if (route.path[0] === "search" && q !== null) searchInput.value = q;
}

let signedIn: boolean | null = null;

async function ensureSession(): Promise<boolean> {
  if (signedIn !== null) return signedIn;
  const found = await api.session();
  signedIn = found !== null;
  const who = found?.user;
  const name = typeof who === "string" ? who : who?.name ?? who?.id ?? "";
  clear(userBox);
  if (name) {
    const out = h("button", { type: "button", class: "linkish sign-out" }, "Sign out");
    out.addEventListener("click", () => void signOut());
    userBox.append(h("span", { class: "who", title: found?.via === "token" ? "signed in with an API token" : "signed in" }, name), " ", out);
  }
  return signedIn;
}

async function signOut(): Promise<void> {
  try {
    await api.logout();
  } catch (err) {
    main.prepend(errorBox(err));
    return;
  }
  signedIn = null;
  clear(userBox);
  go("/login?signed-out=1");
}

async function render(route: Route): Promise<void> {
  setCleanup(null);
  delete document.body.dataset.readyAt;
  markNav(route);
  clear(main);
  main.setAttribute("aria-busy", "true");
  try {
    if (route.path[0] !== "login" && !(await ensureSession())) {
      go(`/login?next=${encodeURIComponent(location.pathname + location.search + location.hash)}`, true);
      return;
    }
    const view = ROUTES[route.path[0] ?? ""];
    if (!view) {
      main.append(h("h1", null, "Not found"), h("p", null, "No page at this address. ", link("/", "Start again")));
      return;
    }
    const cleanup = await view(main, route);
    if (cleanup) setCleanup(cleanup);
  } catch (err) {
    main.append(errorBox(err));
  } finally {
    main.setAttribute("aria-busy", "false");
    document.body.dataset.ready = "true";
    // when the page is drawn and can take input (read by bench/bench_web.py)
    requestAnimationFrame(() => setTimeout(() => (document.body.dataset.readyAt = String(Math.round(performance.now()))), 0));
  }
}

window.addEventListener("tracegraph:unauthorised", () => {
  signedIn = null;
});
window.addEventListener("tracegraph:signed-in", () => {
  signedIn = null;
});

document.body.append(shell());
document.addEventListener("keydown", onKey);
start(render);
