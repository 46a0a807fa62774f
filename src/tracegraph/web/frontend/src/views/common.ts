// Pieces several pages share: entity links, schema badges, evidence quotes, entity pickers.
import * as api from "../api";
import { Child, clear, dateText, download, h, link } from "../dom";
import { Brief, Evidence, evidenceHref, SearchAnswer } from "../types";

export function entityHref(id: string): string {
  return `/entity/${encodeURIComponent(id)}`;
}

export function resultHref(id: string, kind?: string | null): string {
  if (kind === "document" || id.startsWith("doc-")) return `/documents/${encodeURIComponent(id)}`;
  if (kind === "listing") return `/listings?id=${encodeURIComponent(id)}`;
  return entityHref(id);
}

export function badge(schema: string | null | undefined): HTMLElement {
  return h("span", { class: `badge schema-${(schema ?? "unknown").toLowerCase()}` }, schema ?? "?");
}

export function entityLink(brief: Brief): HTMLElement {
  return h("span", { class: "entity-ref" }, link(entityHref(brief.id), brief.caption || brief.id), " ", badge(brief.schema));
}

/** One piece of evidence: the sentence quoted, then a link that opens the document at the span. */
export function evidenceItem(ev: Evidence): HTMLElement {
  const href = evidenceHref(ev);
  const where: Child[] = [];
  if (ev.title) where.push(ev.title);
  if (ev.published) where.push(` · ${dateText(ev.published)}`);
  if (ev.record_id) where.push(`record ${ev.record_id}${ev.dataset ? ` (${ev.dataset})` : ""}`);
  return h(
    "li",
    { class: "evidence" },
    ev.sentence ? h("q", null, ev.sentence) : null,
    " ",
    href ? h("a", { href, "data-route": "", class: "open-span", title: "Open the document at this sentence" }, where.length ? where : "document", " ↗") : h("span", { class: "muted" }, where),
  );
}

export function evidenceList(items: Evidence[] | undefined, max = 3): HTMLElement | null {
  if (!items || !items.length) return null;
  const list = h("ul", { class: "evidence-list" }, items.slice(0, max).map(evidenceItem));
  if (items.length > max) {
    const more = h("button", { type: "button", class: "linkish" }, `+${items.length - max} more sources`);
    more.addEventListener("click", () => {
      more.remove();
      list.append(...items.slice(max).map(evidenceItem));
    });
    list.append(h("li", null, more));
  }
  return list;
}

/**
 * A text field that suggests entities as you type (from /api/search) and keeps the chosen id.
 * `value()` gives the chosen id, or the typed text when nothing was chosen.
 */
export function entityPicker(label: string, name: string, initial?: Brief | null): { el: HTMLElement; value: () => string; set: (b: Brief) => void } {
  const input = h("input", { type: "text", name, autocomplete: "off", "aria-label": label, placeholder: label, role: "combobox", "aria-expanded": "false" });
  const list = h("ul", { class: "suggestions", role: "listbox", hidden: true });
  let chosen: string | null = initial?.id ?? null;
  if (initial) input.value = initial.caption;
  let timer = 0;
  input.addEventListener("input", () => {
    chosen = null;
    window.clearTimeout(timer);
    timer = window.setTimeout(async () => {
      const q = input.value.trim();
      if (q.length < 2) {
        list.hidden = true;
        return;
      }
      try {
        const found = await api.get<SearchAnswer>("/search", { q, limit: 8 });
        clear(list);
        for (const r of found.results) {
          const item = h("li", { role: "option", tabindex: "-1", "data-id": r.id }, r.caption, " ", badge(r.schema));
          item.addEventListener("mousedown", (event) => {
            event.preventDefault();
            chosen = r.id;
            input.value = r.caption;
            list.hidden = true;
          });
          list.append(item);
        }
        list.hidden = found.results.length === 0;
        input.setAttribute("aria-expanded", String(!list.hidden));
      } catch {
        list.hidden = true;
      }
    }, 180);
  });
  input.addEventListener("keydown", (event) => {
    const options = Array.from(list.querySelectorAll<HTMLElement>("li"));
    if (list.hidden || !options.length) return;
    const at = options.findIndex((o) => o.classList.contains("active"));
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const next = (at + (event.key === "ArrowDown" ? 1 : options.length - 1)) % options.length;
      options.forEach((o, i) => o.classList.toggle("active", i === next));
    } else if (event.key === "Enter" && at >= 0) {
      event.preventDefault();
      chosen = options[at].dataset.id ?? null;
      input.value = options[at].firstChild?.textContent ?? input.value;
      list.hidden = true;
    }
  });
  input.addEventListener("blur", () => setTimeout(() => (list.hidden = true), 150));
  const set = (b: Brief) => {
    chosen = b.id;
    input.value = b.caption;
  };
  return { el: h("span", { class: "picker" }, input, list), value: () => chosen ?? input.value.trim(), set };
}

export function table(head: string[], rows: Child[][], cls = ""): HTMLTableElement {
  return h(
    "table",
    { class: cls },
    h("thead", null, h("tr", null, head.map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", null, rows.map((r) => h("tr", { "data-item": "", tabindex: "-1" }, r.map((c) => h("td", null, c))))),
  );
}

/** A button that downloads an export of these entities (FtM JSON lines or GraphML) from the API. */
export function exportButton(label: string, format: "ftm" | "graphml", ids: string[] | (() => string[]), filename: string): HTMLButtonElement {
  const button = h("button", { type: "button", class: "secondary", "data-export": format }, label);
  button.addEventListener("click", async () => {
    const list = typeof ids === "function" ? ids() : ids;
    button.disabled = true;
    try {
      download(filename, await api.getBlob("/export", { format, ids: list.join(",") }));
    } catch (err) {
      alert(err instanceof Error ? err.message : String(err));
    } finally {
      button.disabled = false;
    }
  });
  return button;
}

/** "1,234" */
export function count(n: number): string {
  return n.toLocaleString("en");
}
