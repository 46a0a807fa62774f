// Client-side routing on the History API: every page has a stable URL to paste into a case note.

export interface Route {
  path: string[];
  query: URLSearchParams;
  hash: string;
}

export type Cleanup = () => void;
export type View = (root: HTMLElement, route: Route) => Promise<Cleanup | void> | Cleanup | void;

let current: Cleanup | null = null;
let render: (route: Route) => Promise<void> = async () => {};

export function parse(location: Location | URL): Route {
  const path = location.pathname.split("/").filter(Boolean).map(decodeURIComponent);
  return { path, query: new URLSearchParams(location.search), hash: location.hash.replace(/^#/, "") };
}

export function start(handler: (route: Route) => Promise<void>): void {
  render = handler;
  window.addEventListener("popstate", () => void render(parse(window.location)));
  document.addEventListener("click", (event) => {
    const target = event.target instanceof Element ? event.target.closest("a[data-route]") : null;
    if (!(target instanceof HTMLAnchorElement)) return;
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const url = new URL(target.href);
    if (url.origin !== window.location.origin) return;
    event.preventDefault();
    go(url.pathname + url.search + url.hash);
  });
  void render(parse(window.location));
}

export function go(href: string, replace = false): void {
  const before = window.location.pathname + window.location.search;
  if (replace) history.replaceState(null, "", href);
  else history.pushState(null, "", href);
  const url = new URL(href, window.location.origin);
  if (url.pathname + url.search === before && url.hash) {
    window.dispatchEvent(new HashChangeEvent("hashchange"));
    return;
  }
  void render(parse(window.location));
}

export function setCleanup(cleanup: Cleanup | null): void {
  if (current) current();
  current = cleanup;
}
