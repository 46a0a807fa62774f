// Small helpers to build DOM nodes. Text always goes in as text nodes, never as HTML.

export type Child = Node | string | number | null | undefined | false | Child[];
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs | null = null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [key, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (typeof value === "function") {
        el.addEventListener(key.replace(/^on/, "").toLowerCase(), value);
      } else if (value === true) {
        el.setAttribute(key, "");
      } else {
        el.setAttribute(key, String(value));
      }
    }
  }
  append(el, children);
  return el;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else if (child instanceof Node) parent.appendChild(child);
    else parent.appendChild(document.createTextNode(String(child)));
  }
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

/** A link handled by the client-side router. */
export function link(href: string, ...children: Child[]): HTMLAnchorElement {
  return h("a", { href, "data-route": "" }, ...children);
}

/** Text with the parts between <mark> and </mark> highlighted; everything else stays plain text. */
export function marked(snippet: string): HTMLSpanElement {
  const out = h("span", { class: "snippet" });
  const parts = snippet.split(/<\/?mark>/);
  parts.forEach((part, i) => {
    const text = part.replace(/<[^>]*>/g, "");
    out.appendChild(i % 2 === 1 ? h("mark", null, text) : document.createTextNode(text));
  });
  return out;
}

/** Plain text with every occurrence of the query's words highlighted (case- and accent-insensitive). */
export function highlight(text: string, query: string): HTMLSpanElement {
  if (/<mark>/.test(text)) return marked(text);
  const words = query
    .split(/\s+/)
    .filter((w) => w.length > 1)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const out = h("span", { class: "snippet" });
  if (!words.length) {
    out.textContent = text;
    return out;
  }
  const re = new RegExp(`(${words.join("|")})`, "giu");
  text.split(re).forEach((part, i) => {
    out.appendChild(i % 2 === 1 ? h("mark", null, part) : document.createTextNode(part));
  });
  return out;
}

export function dateText(value: string | null | undefined): string {
  return value ? value.slice(0, 10) : "";
}

export function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = h("a", { href: url, download: name });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 5000);
}

export function spinner(label = "Loading…"): HTMLElement {
  return h("p", { class: "loading", role: "status" }, label);
}

export function errorBox(err: unknown): HTMLElement {
  const message = err instanceof Error ? err.message : String(err);
  return h("p", { class: "error", role: "alert" }, message);
}
