// Search: results with highlighted snippets, facets to narrow them, paging; the URL holds the state
// (text, every facet chosen, the page), so a narrowed search is a link to paste into a case note.
import * as api from "../api";
import { h, highlight, link, spinner } from "../dom";
import { go, Route } from "../router";
import { SearchAnswer } from "../types";
import { badge, resultHref } from "./common";

const PAGE = 20;
/** Values shown per facet before "show all". */
const SHOWN = 8;

interface Facet {
  /** the query parameter and the key of the answer's `facets` */
  param: string;
  title: string;
  /** the value as the user reads it */
  label?: (value: string) => string;
  /** years read best in order, newest first; the others by count */
  order?: "count" | "newest";
  /** a value meaning "any" (shown first, without a count) */
  any?: [string, string];
}

const FACETS: Facet[] = [
  { param: "schema", title: "Type" },
  { param: "country", title: "Country", label: (v) => v.toUpperCase() },
  { param: "dataset", title: "Collection" },
  { param: "listed", title: "On a list", any: ["*", "on any list"] },
  { param: "year", title: "Year", order: "newest" },
];

function hrefWith(query: URLSearchParams, changes: Record<string, string | null>): string {
  const next = new URLSearchParams(query);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) next.delete(key);
    else next.set(key, value);
  }
  if (!("offset" in changes)) next.delete("offset");
  const qs = next.toString();
  return `/search${qs ? `?${qs}` : ""}`;
}

function facetLabel(facet: Facet, value: string): string {
  if (facet.any && value === facet.any[0]) return facet.any[1];
  return facet.label ? facet.label(value) : value;
}

/** One facet: its values with their counts, each a link that adds (or, when chosen, removes) the filter. */
function facetBlock(facet: Facet, counts: Record<string, number>, query: URLSearchParams): HTMLElement | null {
  const active = query.get(facet.param);
  const entries = Object.entries(counts);
  if (facet.order === "newest") entries.sort((a, b) => b[0].localeCompare(a[0]));
  else entries.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  // a chosen value stays visible (to remove it) even when nothing matches it any more
  if (active && !(active in counts) && !(facet.any && active === facet.any[0])) entries.unshift([active, 0]);
  if (!entries.length) return null;
  const item = (value: string, count: number | null): HTMLElement => {
    const on = active === value;
    const text = facetLabel(facet, value);
    const a = link(
      hrefWith(query, { [facet.param]: on ? null : value }),
      h("span", { class: "facet-value", lang: /[\u3400-\u9fff]/.test(value) ? "zh" : null }, text),
      count === null ? null : h("span", { class: "count" }, count.toLocaleString("en")),
    );
    a.setAttribute("aria-label", `${facet.title}: ${text}${count === null ? "" : `, ${count} results`}${on ? " (chosen; remove this filter)" : ""}`);
    if (on) a.setAttribute("aria-current", "true");
    return h("li", { class: on ? "active" : null, "data-value": value }, a);
  };
  const list = h("ul", { "aria-labelledby": `facet-${facet.param}` });
  if (facet.any && entries.length > 1) list.append(item(facet.any[0], null));
  entries.forEach(([value, count], i) => {
    const li = item(value, count);
    if (i >= SHOWN && active !== value) li.hidden = true;
    list.append(li);
  });
  const hidden = list.querySelectorAll("li[hidden]").length;
  let more: HTMLElement | null = null;
  if (hidden) {
    more = h("button", { type: "button", class: "linkish more", "aria-expanded": "false" }, `show all ${entries.length}`);
    more.addEventListener("click", () => {
      list.querySelectorAll<HTMLElement>("li[hidden]").forEach((li) => (li.hidden = false));
      more?.remove();
      (list.querySelectorAll<HTMLElement>("li a")[SHOWN] ?? list).focus();
    });
  }
  return h("section", { class: `facet facet-${facet.param}` }, h("h2", { id: `facet-${facet.param}` }, facet.title), list, more);
}

/** The filters in force, each removable, and one link to remove them all. */
function chosenFilters(query: URLSearchParams): HTMLElement | null {
  const chosen = FACETS.filter((f) => query.get(f.param));
  if (!chosen.length) return null;
  const q = query.get("q");
  return h(
    "p",
    { class: "chosen", "aria-label": "Filters in force" },
    "Filtered by ",
    chosen.map((f) => {
      const value = query.get(f.param) ?? "";
      const a = link(hrefWith(query, { [f.param]: null }), `${f.title}: ${facetLabel(f, value)} `, h("span", { "aria-hidden": "true" }, "×"));
      a.classList.add("chip");
      a.setAttribute("aria-label", `remove the filter ${f.title}: ${facetLabel(f, value)}`);
      return a;
    }),
    " ",
    link(q ? `/search?q=${encodeURIComponent(q)}` : "/search", "clear all"),
  );
}

export async function searchView(root: HTMLElement, route: Route): Promise<void> {
  const q = route.query.get("q") ?? "";
  const filtered = FACETS.some((f) => route.query.get(f.param));
  document.title = q ? `${q} · search · tracegraph` : "Search · tracegraph";
  const input = h("input", { type: "search", name: "q", value: q, "aria-label": "Search text", autofocus: true });
  const form = h("form", { class: "search-form", action: "/search", role: "search" }, input, h("button", { type: "submit" }, "Search"));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    go(hrefWith(route.query, { q: input.value.trim() || null }));
  });
  root.append(h("h1", null, "Search"), form);
  if (!q.trim() && !filtered) {
    root.append(
      h("p", { class: "muted" }, "Type a name, an alias, a phone number or a substance; or browse ", link("/search?listed=*", "everything on a loaded list"), "."),
    );
    return;
  }
  const loading = spinner();
  root.append(loading);
  const offset = Number(route.query.get("offset") ?? 0) || 0;
  const params: api.Params = { q, limit: PAGE, offset };
  for (const f of FACETS) params[f.param] = route.query.get(f.param);
  const answer = await api.get<SearchAnswer>("/search", params);
  loading.remove();

  const facets = h("aside", { class: "facets", "aria-label": "Narrow the results" });
  for (const f of FACETS) {
    const block = facetBlock(f, answer.facets?.[f.param] ?? {}, route.query);
    if (block) facets.append(block);
  }

  const list = h("ol", { class: "results", start: offset + 1 });
  for (const r of answer.results) {
    const href = resultHref(r.id, r.kind);
    list.append(
      h(
        "li",
        { "data-item": "", tabindex: "-1", class: "result" },
        h(
          "div",
          { class: "result-head" },
          link(href, r.caption),
          " ",
          badge(r.schema),
          (r.countries ?? []).map((c) => h("span", { class: "tag" }, c.toUpperCase())),
          (r.lists ?? []).map((l) => h("span", { class: "tag warn", title: "on this screening list" }, `⚑ ${l}`)),
        ),
        r.snippet ? h("p", null, highlight(r.snippet, q)) : null,
        h(
          "div",
          { class: "result-foot muted" },
          (r.datasets ?? []).join(", "),
          r.years?.length ? ` · ${r.years.length > 4 ? `${r.years[0]}–${r.years[r.years.length - 1]}` : r.years.join(", ")}` : null,
          href.startsWith("/entity/") ? [" · ", link(`/network/${encodeURIComponent(r.id)}`, "network"), " · ", link(`/timeline?entity=${encodeURIComponent(r.id)}`, "timeline")] : null,
        ),
      ),
    );
  }
  const pages = h("nav", { class: "pager", "aria-label": "Pages of results" });
  if (offset > 0) pages.append(link(hrefWith(route.query, { offset: String(Math.max(0, offset - PAGE)) }), "← previous"));
  if (offset + PAGE < answer.total) pages.append(link(hrefWith(route.query, { offset: String(offset + PAGE) }), "next →"));
  const shown = answer.results.length ? `${offset + 1}–${offset + answer.results.length} of ` : "";
  const chosen = chosenFilters(route.query);
  root.append(
    h("p", { class: "muted", role: "status" }, `${shown}${answer.total.toLocaleString("en")} result${answer.total === 1 ? "" : "s"}`),
    ...(chosen ? [chosen] : []),
    h("div", { class: "with-aside" }, facets, h("section", { "aria-label": "Results" }, answer.results.length ? list : h("p", null, "Nothing found."), pages)),
  );
}
