// Screening: one name, or a pasted or uploaded CSV (columns name, schema, country, birth_date),
// with each match's score and the reasons behind it.
import * as api from "../api";
import { errorBox, h, spinner } from "../dom";
import { Route } from "../router";
import { ScreenAnswer, ScreenMatch } from "../types";
import { badge, entityHref, table } from "./common";

type Query = { name: string; schema?: string; country?: string; birth_date?: string };

/** CSV rows as objects keyed by the lower-cased header; quoted fields, "" escapes and CRLF handled. */
export function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  const [head, ...body] = rows.filter((r) => r.some((f) => f.trim()));
  if (!head) return [];
  const keys = head.map((k) => k.trim().toLowerCase().replace(/\s+/g, "_"));
  return body.map((r) => Object.fromEntries(keys.map((k, i) => [k, (r[i] ?? "").trim()])));
}

function queriesFromCsv(text: string): Query[] {
  const rows = parseCsv(text);
  const nameKey = rows.length ? Object.keys(rows[0]).find((k) => ["name", "full_name", "entity", "company"].includes(k)) ?? Object.keys(rows[0])[0] : "name";
  return rows
    .filter((r) => r[nameKey])
    .map((r) => ({ name: r[nameKey], schema: r.schema || undefined, country: r.country || undefined, birth_date: r.birth_date || r.dob || undefined }));
}

function reasons(match: ScreenMatch): string[] {
  if (Array.isArray(match.reasons)) return match.reasons;
  if (match.reasons) return Object.entries(match.reasons).map(([k, v]) => `${k}: ${v}`);
  return [];
}

function resultsTable(answer: ScreenAnswer): HTMLElement {
  const out = h("section", { class: "screen-results" });
  for (const result of answer.results) {
    const q = result.query;
    out.append(h("h2", null, q.name, q.country ? ` (${q.country})` : "", h("span", { class: "count" }, `${result.matches.length} match${result.matches.length === 1 ? "" : "es"}`)));
    if (!result.matches.length) {
      out.append(h("p", { class: "muted" }, "No list entry scored above the threshold."));
      continue;
    }
    out.append(
      table(
        ["Score", "Listed entity", "Lists", "Why"],
        result.matches.map((m) => [
          h("meter", { min: 0, max: 1, value: m.score, title: m.score.toFixed(2) }), 
          [h("a", { href: entityHref(m.id), "data-route": "" }, m.caption), " ", badge(m.schema), h("div", { class: "muted score" }, m.score.toFixed(2))],
          (m.datasets ?? []).join(", "),
          h("ul", { class: "reasons" }, reasons(m).map((r) => h("li", null, r))),
        ]),
        "matches",
      ),
    );
  }
  return out;
}

export function screenView(root: HTMLElement, route: Route): void {
  document.title = "Screening · tracegraph";
  const results = h("div", { "aria-live": "polite" });
  const run = async (queries: Query[]) => {
    if (!queries.length) {
      results.replaceChildren(errorBox("Nothing to screen: give a name, or a CSV with a name column."));
      return;
    }
    results.replaceChildren(spinner(`Screening ${queries.length} name${queries.length === 1 ? "" : "s"}…`));
    try {
      results.replaceChildren(resultsTable(await api.post<ScreenAnswer>("/screen", { queries })));
    } catch (err) {
      results.replaceChildren(errorBox(err));
    }
  };
  const name = h("input", { name: "name", required: true, "aria-label": "Name to screen", placeholder: "Name", value: route.query.get("name") ?? "" });
  const schema = h("select", { name: "schema", "aria-label": "Type" }, ["", "Person", "Company", "Organization", "LegalEntity", "Vessel"].map((s) => h("option", { value: s }, s || "any type")));
  const country = h("input", { name: "country", size: 4, placeholder: "Country", "aria-label": "Country code" });
  const birth = h("input", { name: "birth_date", placeholder: "Birth date", "aria-label": "Birth date", size: 10 });
  const one = h("form", { class: "inline" }, name, schema, country, birth, h("button", { type: "submit" }, "Screen"));
  schema.value = route.query.get("schema") ?? "";
  country.value = route.query.get("country") ?? "";
  birth.value = route.query.get("birth_date") ?? "";
  const asked = () => ({ name: name.value.trim(), schema: schema.value || undefined, country: country.value.trim() || undefined, birth_date: birth.value.trim() || undefined });
  one.addEventListener("submit", (event) => {
    event.preventDefault();
    // the question in the URL (a link for the case note that screens the same name again)
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(asked())) if (value) params.set(key, value);
    history.replaceState(null, "", `/screen?${params}`);
    void run([asked()]);
  });
  const pasted = h("textarea", { name: "csv", rows: 5, "aria-label": "CSV to screen", placeholder: "name,schema,country,birth_date\nExample Trading Co.,Company,CN," });
  const file = h("input", { type: "file", name: "file", accept: ".csv,text/csv", "aria-label": "CSV file" });
  file.addEventListener("change", async () => {
    const chosen = file.files?.[0];
    if (chosen) pasted.value = await chosen.text();
  });
  const batch = h("form", { class: "stack" }, pasted, h("div", { class: "inline" }, file, h("button", { type: "submit" }, "Screen the CSV")));
  batch.addEventListener("submit", (event) => {
    event.preventDefault();
    void run(queriesFromCsv(pasted.value));
  });
  root.append(
    h("h1", null, "Screening"),
    h("p", { class: "muted" }, "Names are compared with every loaded list; each score comes with the reasons behind it."),
    one,
    h("details", null, h("summary", null, "A whole file (paste or upload a CSV)"), batch),
    results,
  );
  if (name.value) void run([asked()]);
}
