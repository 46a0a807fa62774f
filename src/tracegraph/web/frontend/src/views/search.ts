// Search: results with highlighted snippets, facets to narrow them, paging; the URL holds the state.
import * as api from "../api";
import { h, highlight, link, spinner } from "../dom";
import { go, Route } from "../router";
import { SearchAnswer } from "../types";
import { badge, resultHref } from "./common";

const PAGE = 20;
const FACET_PARAMS = ["schema", "country", "dataset", "listed", "date"];

function hrefWith(query: URLSearchParams, changes: Record<string, string | null>): string {
  const next = new URLSearchParams(query);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) next.delete(key);
    else next.set(key, value);
  }
  if (!("offset" in changes)) next.delete("offset");
  return `/search?${next.toString()}`;
}

export async function searchView(root: HTMLElement, route: Route): Promise<void> {
  const q = route.query.get("q") ?? "";
  document.title = q ? `${q} · search · tracegraph` : "Search · tracegraph";
  const input = h("input", { type: "search", name: "q", value: q, "aria-label": "Search text", autofocus: true });
  const form = h("form", { class: "search-form", action: "/search", role: "search" }, input, h("button", { type: "submit" }, "Search"));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    go(hrefWith(route.query, { q: input.value.trim() }));
  });
  root.append(h("h1", null, "Search"), form);
  if (!q.trim()) {
    root.append(h("p", { class: "muted" }, "Type a name, an alias, a phone number or a substance."));
    return;
  }
  const loading = spinner();
  root.append(loading);
  const offset = Number(route.query.get("offset") ?? 0) || 0;
  const params: api.Params = { q, limit: PAGE, offset };
  for (const key of FACET_PARAMS) params[key] = route.query.get(key);
  const answer = await api.get<SearchAnswer>("/search", params);
  loading.remove();

  const facets = h("aside", { class: "facets", "aria-label": "Narrow the results" });
  for (const [name, counts] of Object.entries(answer.facets ?? {})) {
    const entries = Object.entries(counts).sort((a, b) => b[1] - a[1]).slice(0, 12);
    if (!entries.length) continue;
    const active = route.query.get(name);
    facets.append(
      h("h2", null, name),
      h(
        "ul",
        null,
        entries.map(([value, count]) =>
          h(
            "li",
            { class: active === value ? "active" : "" },
            link(hrefWith(route.query, { [name]: active === value ? null : value }), value, " ", h("span", { class: "count" }, count)),
          ),
        ),
      ),
    );
  }

  const list = h("ol", { class: "results", start: offset + 1 });
  for (const r of answer.results) {
    const href = resultHref(r.id, r.kind);
    list.append(
      h(
        "li",
        { "data-item": "", tabindex: "-1", class: "result" },
        h("div", { class: "result-head" }, link(href, r.caption), " ", badge(r.schema), (r.countries ?? []).map((c) => h("span", { class: "tag" }, c.toUpperCase()))),
        r.snippet ? h("p", null, highlight(r.snippet, q)) : null,
        h(
          "div",
          { class: "result-foot muted" },
          (r.datasets ?? []).join(", "),
          href.startsWith("/entity/") ? [" · ", link(`/network/${encodeURIComponent(r.id)}`, "network"), " · ", link(`/timeline?entity=${encodeURIComponent(r.id)}`, "timeline")] : null,
        ),
      ),
    );
  }
  const pages = h("nav", { class: "pager", "aria-label": "Pages of results" });
  if (offset > 0) pages.append(link(hrefWith(route.query, { offset: String(Math.max(0, offset - PAGE)) }), "← previous"));
  if (offset + PAGE < answer.total) pages.append(link(hrefWith(route.query, { offset: String(offset + PAGE) }), "next →"));
  root.append(
    h("p", { class: "muted", role: "status" }, `${answer.total} result${answer.total === 1 ? "" : "s"}`),
    h("div", { class: "with-aside" }, facets, h("section", null, answer.results.length ? list : h("p", null, "Nothing found."), pages)),
  );
}
