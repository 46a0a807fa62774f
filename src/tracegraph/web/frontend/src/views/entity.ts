// The entity page: names, properties, identifiers, list hits, relations grouped by type with their
// evidence, and merge / split / distinct with a reason.
import * as api from "../api";
import { Child, dateText, errorBox, h, link } from "../dom";
import { go, Route } from "../router";
import { EntityAnswer, Relation } from "../types";
import { badge, count, entityHref, entityLink, entityPicker, evidenceList, exportButton } from "./common";

/** Properties shown as identifiers (and as nodes of their own in the network). */
const IDENTIFIERS = new Set([
  "phone", "email", "website", "address", "registrationNumber", "taxNumber", "innCode", "ogrnCode", "leiCode",
  "idNumber", "passportNumber", "vatCode", "swiftBic", "imoNumber", "casNumber", "cas", "inchikey", "wallet", "messenger",
]);
const HIDDEN = new Set(["name", "alias", "previousName", "weakAlias", "summary", "proof", "indexText"]);

function flagText(flag: NonNullable<EntityAnswer["flags"]>[number]): string {
  if (typeof flag === "string") return flag;
  return [flag.label ?? flag.reason ?? "flagged", flag.list ?? flag.dataset].filter(Boolean).join(" · ");
}

function relationGroups(relations: Relation[]): Map<string, Relation[]> {
  const groups = new Map<string, Relation[]>();
  for (const rel of relations) {
    const key = `${rel.direction === "in" ? "← " : ""}${rel.label}${rel.direction === "out" ? " →" : ""}`;
    const list = groups.get(key) ?? [];
    list.push(rel);
    groups.set(key, list);
  }
  for (const list of groups.values()) list.sort((a, b) => (a.date ?? "").localeCompare(b.date ?? "") || a.other.caption.localeCompare(b.other.caption));
  return groups;
}

function propertyRows(props: Record<string, string[]>, identifiers: boolean): Child[] {
  return Object.entries(props)
    .filter(([key, values]) => !HIDDEN.has(key) && values.length && IDENTIFIERS.has(key) === identifiers)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, values]) =>
      h(
        "div",
        { class: "prop" },
        h("dt", null, key),
        h("dd", null, values.map((v) => h("span", { class: identifiers ? "ident" : "value" }, /^(ent|doc|sub|lst)-/.test(v) ? link(entityHref(v), v) : v))),
      ),
    );
}

function judgementForm(entity: EntityAnswer, status: HTMLElement): HTMLElement {
  const kind = h("select", { name: "kind", "aria-label": "Judgement" }, h("option", { value: "merge" }, "Merge with…"), h("option", { value: "distinct" }, "Distinct from…"), h("option", { value: "split" }, "Split this entity"));
  const other = entityPicker("other entity", "other");
  const reason = h("input", { name: "reason", required: true, placeholder: "Reason (required, recorded)", "aria-label": "Reason" });
  const otherWrap = h("span", null, other.el);
  kind.addEventListener("change", () => (otherWrap.hidden = kind.value === "split"));
  const form = h("form", { class: "judgement inline" }, kind, otherWrap, reason, h("button", { type: "submit" }, "Record"));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const ids = kind.value === "split" ? [entity.id] : [entity.id, other.value()];
    if (ids.some((id) => !id)) {
      status.replaceChildren(errorBox("Choose the other entity."));
      return;
    }
    try {
      await api.post("/judgements", { kind: kind.value, ids, reason: reason.value.trim() });
      status.replaceChildren(h("p", { class: "ok", role: "status" }, `Recorded: ${kind.value}. `, link(entityHref(entity.id), "Reload")));
      if (kind.value === "merge") go(entityHref(entity.id), true);
    } catch (err) {
      status.replaceChildren(errorBox(err));
    }
  });
  return form;
}

export async function entityView(root: HTMLElement, route: Route): Promise<void> {
  const id = route.path[1] ?? "";
  const entity = await api.get<EntityAnswer>(`/entities/${encodeURIComponent(id)}`);
  document.title = `${entity.caption} · tracegraph`;
  if (entity.id !== id) history.replaceState(null, "", entityHref(entity.id));
  const props = entity.properties ?? {};
  const names = (entity.names ?? []).filter((n) => n !== entity.caption);
  const flags = entity.flags ?? [];
  const status = h("div", { "aria-live": "polite" });
  const header = h(
    "header",
    { class: "entity-head" },
    h("h1", null, entity.caption, " ", badge(entity.schema)),
    flags.length ? h("ul", { class: "flags" }, flags.map((f) => h("li", { class: "flag" }, "⚑ ", flagText(f)))) : null,
    h(
      "p",
      { class: "actions" },
      link(`/network/${encodeURIComponent(entity.id)}`, "Network"),
      link(`/timeline?entity=${encodeURIComponent(entity.id)}`, "Timeline"),
      exportButton("Export FtM", "ftm", [entity.id], `${entity.id}.ftm.json`),
    ),
  );
  const aside = h(
    "aside",
    { class: "entity-facts" },
    names.length ? [h("h2", null, "Also known as"), h("ul", { class: "names" }, names.map((n) => h("li", { lang: /[\u3400-\u9fff]/.test(n) ? "zh" : null }, n)))] : null,
    h("h2", null, "Identifiers"),
    h("dl", { class: "props" }, propertyRows(props, true)),
    h("h2", null, "Properties"),
    h("dl", { class: "props" }, propertyRows(props, false)),
    entity.datasets?.length ? [h("h2", null, "Collections"), h("p", null, entity.datasets.join(", "))] : null,
    entity.members && entity.members.length > 1 ? [h("h2", null, "Merged ids"), h("ul", { class: "mono" }, entity.members.map((m) => h("li", null, m)))] : null,
    entity.sources?.length ? [h("h2", null, `Sources (${entity.sources.length})`), evidenceList(entity.sources, 4)] : null,
    h("h2", null, "Judgement"),
    judgementForm(entity, status),
    status,
  );
  const shown = entity.relations?.length ?? 0;
  const cut = entity.truncated?.at.find((c) => c.id === entity.id);
  const notListed = cut?.more ?? 0;
  const over = cut?.exact === false ? "more than " : ""; // a hub's relations are counted only up to a cap
  const relations = h("section", { class: "relations", "aria-label": "Relations" }, h("h2", null, `Relations (${notListed ? `${count(shown)} of ${over}${count(shown + notListed)}` : shown})`));
  if (notListed) {
    relations.append(
      h(
        "p",
        { class: "truncated", role: "status" },
        over ? `More than ${count(notListed)} more relations are not listed here. ` : `${count(notListed)} more relation${notListed === 1 ? " is" : "s are"} not listed here. `,
        link(`/network/${encodeURIComponent(entity.id)}`, "Open the network"),
        " to follow more of them.",
      ),
    );
  }
  for (const [label, rels] of relationGroups(entity.relations ?? [])) {
    relations.append(
      h("h3", null, label, h("span", { class: "count" }, rels.length)),
      h(
        "ul",
        { class: "relation-list" },
        rels.map((rel) =>
          h(
            "li",
            { "data-item": "", tabindex: "-1", class: "relation" },
            h("div", null, rel.date ? h("time", { datetime: rel.date }, dateText(rel.date)) : null, entityLink(rel.other)),
            evidenceList(rel.evidence),
          ),
        ),
      ),
    );
  }
  if (!entity.relations?.length) relations.append(h("p", { class: "muted" }, "No relations with evidence."));
  root.append(header, h("div", { class: "entity-body" }, relations, aside));
}
