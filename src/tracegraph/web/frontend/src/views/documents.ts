// Documents: the source list, and one story's cleaned text with its entities marked and the
// evidence span (from the URL's #span=start-end) highlighted and scrolled into view.
import * as api from "../api";
import { dateText, download, errorBox, h, link } from "../dom";
import { Route } from "../router";
import { DocumentAnswer, Mention } from "../types";
import { entityHref, table } from "./common";

interface DocumentRow {
  id: string;
  title?: string | null;
  date?: string | null;
  published?: string | null;
  kind?: string | null;
  source?: string | null;
  outlet?: string | null;
  chars?: number;
}

export async function documentsView(root: HTMLElement, route: Route): Promise<(() => void) | void> {
  if (route.path[1]) return documentView(root, route);
  document.title = "Documents · tracegraph";
  const answer = await api.get<{ documents?: DocumentRow[]; results?: DocumentRow[] } | DocumentRow[]>("/documents");
  const docs = Array.isArray(answer) ? answer : answer.documents ?? answer.results ?? [];
  root.append(
    h("h1", null, "Documents"),
    h("p", { class: "muted" }, `${docs.length} stories from the ingested sources`),
    table(
      ["Title", "Date", "Outlet", "Kind", "Source"],
      docs.map((d) => [link(`/documents/${encodeURIComponent(d.id)}`, d.title || d.id), dateText(d.date ?? d.published), d.outlet ?? "", d.kind ?? "", d.source ?? ""]),
      "documents",
    ),
  );
}

function spanFromHash(hash: string): [number, number] | null {
  const found = /span=(\d+)-(\d+)/.exec(hash);
  return found ? [Number(found[1]), Number(found[2])] : null;
}

/** The text cut at every mention and span boundary; each piece knows its mention and whether it is highlighted. */
function renderText(text: string, mentions: Mention[], span: [number, number] | null): HTMLElement {
  const cuts = new Set<number>([0, text.length]);
  const usable = mentions.filter((m) => m.start >= 0 && m.end <= text.length && m.start < m.end);
  for (const m of usable) cuts.add(m.start).add(m.end);
  if (span) cuts.add(Math.max(0, span[0])).add(Math.min(text.length, span[1]));
  const points = Array.from(cuts).sort((a, b) => a - b);
  const body = h("div", { class: "doc-text", lang: /[\u3400-\u9fff]/.test(text) ? "zh" : null });
  let first: HTMLElement | null = null;
  for (let i = 0; i < points.length - 1; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = text.slice(a, b);
    const mention = usable.find((m) => m.start <= a && m.end >= b);
    const inSpan = span !== null && a >= span[0] && b <= span[1];
    let node: HTMLElement | Text = document.createTextNode(piece);
    if (mention) node = h("a", { href: entityHref(mention.entity_id), "data-route": "", class: `mention schema-${(mention.schema ?? "").toLowerCase()}`, title: mention.schema ?? "" }, piece);
    if (inSpan) {
      const mark: HTMLElement = h("mark", { class: "span-hl" }, node);
      if (!first) {
        first = mark;
        mark.id = "span-start";
      }
      node = mark;
    }
    body.append(node);
  }
  return body;
}

export async function documentView(root: HTMLElement, route: Route): Promise<() => void> {
  const id = route.path[1] ?? "";
  const doc = await api.get<DocumentAnswer>(`/documents/${encodeURIComponent(id)}`);
  document.title = `${doc.title || doc.id} · tracegraph`;
  const holder = h("div");
  const draw = () => {
    const span = spanFromHash(location.hash);
    holder.replaceChildren(renderText(doc.text, doc.mentions ?? [], span));
    const start = holder.querySelector<HTMLElement>("#span-start");
    if (start) requestAnimationFrame(() => start.scrollIntoView({ block: "center" }));
  };
  const rawBox = h("div");
  const rawButton = h("button", { type: "button", class: "secondary" }, "Raw file");
  rawButton.addEventListener("click", async () => {
    try {
      const blob = await api.getBlob(`/documents/${encodeURIComponent(doc.id)}/raw`);
      if (blob.type.startsWith("text/") || blob.type.includes("json") || blob.type.includes("xml")) {
        const text = await blob.text();
        rawBox.replaceChildren(h("h2", null, "Raw file"), h("pre", { class: "raw", lang: /[\u3400-\u9fff]/.test(text) ? "zh" : null }, text));
      } else {
        download(`${doc.id}.raw`, blob);
      }
    } catch (err) {
      rawBox.replaceChildren(errorBox(err));
    }
  });
  root.append(
    h("p", { class: "crumbs" }, link("/documents", "Documents"), " / ", doc.id),
    h("h1", null, doc.title || doc.id),
    h("p", { class: "muted" }, [dateText(doc.date), doc.kind, doc.source].filter(Boolean).join(" · "), " ", rawButton),
    h("p", { class: "legend muted" }, "Names linked to their entity; the evidence sentence you followed is highlighted."),
    holder,
    rawBox,
  );
  draw();
  window.addEventListener("hashchange", draw);
  return () => window.removeEventListener("hashchange", draw);
}
