// Substances: a name, CAS number or SMILES; identity, controls by jurisdiction and date, the class
// rule that fired, and a 2-D drawing of the structure made by the server (RDKit).
import * as api from "../api";
import { Child, errorBox, h } from "../dom";
import { go, Route } from "../router";
import { table } from "./common";

interface Control {
  jurisdiction: string;
  kind?: string;
  instrument?: string;
  since?: string;
  source?: string;
  basis?: string;
  rule?: string;
  note?: string;
}

interface Substance {
  query?: string;
  name?: string;
  how?: string;
  role?: string;
  novel?: boolean;
  entity_id?: string;
  synonyms?: string[];
  cas?: string[];
  smiles?: string | null;
  inchikey?: string | null;
  controls?: Control[];
  classes?: (string | { name?: string; rule?: string; class?: string; reason?: string })[];
  note?: string;
}

async function drawing(smiles: string): Promise<HTMLElement> {
  try {
    const blob = await api.getBlob("/substances/depict.svg", { smiles });
    const img = h("img", { class: "structure", alt: `Structure of ${smiles}`, src: URL.createObjectURL(blob), width: 300 });
    return h("figure", null, img, h("figcaption", { class: "mono" }, smiles));
  } catch (err) {
    return errorBox(err);
  }
}

function classText(c: NonNullable<Substance["classes"]>[number]): string {
  if (typeof c === "string") return c;
  return [c.name ?? c.class, c.rule ?? c.reason].filter(Boolean).join(": ");
}

async function card(s: Substance): Promise<HTMLElement> {
  const controls = s.controls ?? [];
  const facts: [string, Child][] = [
    ["Found by", s.how ?? ""],
    ["Role", s.role ?? ""],
    ["CAS", (s.cas ?? []).join(", ")],
    ["InChIKey", s.inchikey ?? ""],
    ["Synonyms", (s.synonyms ?? []).join(" · ")],
  ];
  return h(
    "article",
    { class: "substance" },
    h("h2", null, s.name ?? s.query ?? "?", s.novel ? h("span", { class: "tag warn" }, "not in the registry") : null),
    h(
      "div",
      { class: "substance-body" },
      s.smiles ? await drawing(s.smiles) : h("p", { class: "muted" }, "No structure known."),
      h("dl", { class: "props" }, facts.filter(([, v]) => v).map(([k, v]) => h("div", { class: "prop" }, h("dt", null, k), h("dd", null, v)))),
    ),
    h("h3", null, "Controls"),
    controls.length
      ? table(
          ["Where", "Since", "Instrument", "How", "Source"],
          controls
            .slice()
            .sort((a, b) => a.jurisdiction.localeCompare(b.jurisdiction) || (a.since ?? "").localeCompare(b.since ?? ""))
            .map((c) => [h("strong", null, c.jurisdiction), c.since ?? "", c.instrument ?? "", [c.basis ?? "", c.rule ? h("div", { class: "rule" }, `class rule: ${c.rule}`) : null], c.source ?? ""]),
          "controls",
        )
      : h("p", { class: "muted" }, "Not controlled anywhere we know of."),
    s.classes?.length ? [h("h3", null, "Class rules that fired"), h("ul", null, s.classes.map((c) => h("li", { class: "rule" }, classText(c))))] : null,
    s.note ? h("p", { class: "muted" }, s.note) : null,
  );
}

export async function substancesView(root: HTMLElement, route: Route): Promise<void> {
  const q = route.query.get("q") ?? "";
  document.title = q ? `${q} · substances · tracegraph` : "Substances · tracegraph";
  const input = h("input", { name: "q", value: q, "aria-label": "Name, CAS number or SMILES", placeholder: "Name, CAS number or SMILES" });
  const form = h("form", { class: "inline" }, input, h("button", { type: "submit" }, "Look up"));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    go(`/substances?q=${encodeURIComponent(input.value.trim())}`);
  });
  root.append(h("h1", null, "Substances"), form);
  if (!q) return;
  const answer = await api.get<Substance | { results?: Substance[] }>("/substances", { q });
  const found = "results" in answer && Array.isArray(answer.results) ? answer.results : [answer as Substance];
  if (!found.length) root.append(h("p", null, "Nothing known by that name, CAS number or structure."));
  for (const s of found) root.append(await card(s));
}
