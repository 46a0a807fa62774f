// The timeline: dated relations and events on a zoomable axis (wheel, drag, + / − keys), each item
// opening its evidence; a list below for reading and keyboard use.
import * as api from "../api";
import { dateText, h, link } from "../dom";
import { go, Route } from "../router";
import { TimelineItem } from "../types";
import { entityLink, entityPicker, evidenceList } from "./common";

const SVG = "http://www.w3.org/2000/svg";
const DAY = 86_400_000;

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

/** Milliseconds for "2024", "2024-05" or "2024-05-20" (the middle of a year or month when vague). */
export function timeOf(date: string): number {
  const [y, m, d] = date.split(/[-T]/).map(Number);
  if (!y) return NaN;
  if (!m) return Date.UTC(y, 6, 1);
  if (!d) return Date.UTC(y, m - 1, 15);
  return Date.UTC(y, m - 1, d);
}

function ticks(from: number, to: number): { t: number; label: string }[] {
  const span = to - from;
  const out: { t: number; label: string }[] = [];
  const start = new Date(from);
  if (span > 3 * 365 * DAY) {
    const step = Math.max(1, Math.round(span / (365 * DAY) / 8));
    for (let y = start.getUTCFullYear(); Date.UTC(y, 0, 1) <= to; y += step) out.push({ t: Date.UTC(y, 0, 1), label: String(y) });
  } else if (span > 60 * DAY) {
    const step = Math.max(1, Math.round(span / (30 * DAY) / 8));
    for (let i = 0; ; i += step) {
      const t = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + i, 1);
      if (t > to) break;
      out.push({ t, label: new Date(t).toISOString().slice(0, 7) });
    }
  } else {
    const step = Math.max(1, Math.round(span / DAY / 8));
    for (let t = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate()); t <= to; t += step * DAY) out.push({ t, label: new Date(t).toISOString().slice(0, 10) });
  }
  return out.filter((x) => x.t >= from);
}

export async function timelineView(root: HTMLElement, route: Route): Promise<() => void> {
  const entity = route.query.get("entity");
  const q = route.query.get("q");
  document.title = "Timeline · tracegraph";
  const picker = entityPicker("entity (empty: everything)", "entity");
  const form = h("form", { class: "inline" }, picker.el, h("button", { type: "submit" }, "Show"));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const id = picker.value();
    go(id ? `/timeline?entity=${encodeURIComponent(id)}` : "/timeline");
  });
  const answer = await api.get<{ items?: TimelineItem[]; events?: TimelineItem[] }>("/timeline", { entity, q });
  const items = (answer.items ?? answer.events ?? []).filter((i) => i.date && !Number.isNaN(timeOf(i.date)));
  items.sort((a, b) => a.date.localeCompare(b.date));
  const detail = h("aside", { class: "tl-detail", "aria-live": "polite" }, h("p", { class: "muted" }, "Choose an item to read its evidence."));
  // the entity's name from the items that name it (its id when none does)
  const named = entity ? items.flatMap((i) => i.entities ?? []).find((b) => b.id === entity) : undefined;
  if (named) {
    picker.set(named);
    document.title = `${named.caption} · timeline · tracegraph`;
  }
  root.append(h("h1", null, "Timeline", entity ? " of " : "", entity ? link(`/entity/${encodeURIComponent(entity)}`, named?.caption ?? entity) : ""), form);
  if (!items.length) {
    root.append(h("p", null, "No dated relations or events."));
    return () => {};
  }

  const times = items.map((i) => timeOf(i.date));
  const pad = Math.max(30 * DAY, (Math.max(...times) - Math.min(...times)) * 0.05);
  const full: [number, number] = [Math.min(...times) - pad, Math.max(...times) + pad];
  let view: [number, number] = [...full];
  const height = 220;
  const chart = svg("svg", { class: "tl-chart", height, role: "img", "aria-label": "Timeline chart; use + and − to zoom, arrows to pan" });
  chart.setAttribute("tabindex", "0");
  const wrap = h("div", { class: "tl-wrap" });
  wrap.append(chart);

  const choose = (item: TimelineItem) => {
    detail.replaceChildren(
      h("h2", null, item.label),
      h("p", null, h("time", { datetime: item.date }, dateText(item.date)), " · ", item.schema ?? ""),
      h("p", null, (item.entities ?? []).map((b) => [entityLink(b), " "])),
      evidenceList(item.evidence, 5) ?? h("p", { class: "muted" }, "No evidence attached."),
    );
    chart.querySelectorAll(".tl-item").forEach((el) => el.classList.toggle("active", el.getAttribute("data-id") === item.id));
  };

  const draw = () => {
    const width = wrap.clientWidth || 800;
    chart.setAttribute("width", String(width));
    chart.replaceChildren();
    const x = (t: number) => ((t - view[0]) / (view[1] - view[0])) * (width - 20) + 10;
    chart.append(svg("line", { x1: 0, x2: width, y1: height - 24, y2: height - 24, class: "tl-axis" }));
    for (const tick of ticks(view[0], view[1])) {
      const g = svg("g", { class: "tl-tick" });
      g.append(svg("line", { x1: x(tick.t), x2: x(tick.t), y1: 0, y2: height - 20 }));
      const label = svg("text", { x: x(tick.t) + 3, y: height - 8 });
      label.textContent = tick.label;
      g.append(label);
      chart.append(g);
    }
    // stack items into lanes so that labels do not overlap
    const laneEnds: number[] = [];
    items.forEach((item, i) => {
      const px = x(times[i]);
      if (px < -50 || px > width + 50) return;
      const textWidth = Math.min(180, item.label.length * 6.5 + 14);
      let lane = laneEnds.findIndex((end) => end < px);
      if (lane === -1) lane = laneEnds.length;
      laneEnds[lane] = px + textWidth;
      const y = 16 + (lane % 9) * 20;
      const g = svg("g", { class: "tl-item", "data-id": item.id, transform: `translate(${px},${y})` });
      g.append(svg("circle", { r: 5 }));
      const text = svg("text", { x: 8, y: 4 });
      text.textContent = item.label;
      const title = svg("title", {});
      title.textContent = `${dateText(item.date)} ${item.label}`;
      g.append(text, title);
      g.addEventListener("click", () => choose(item));
      chart.append(g);
    });
  };

  const zoom = (factor: number, at = 0.5) => {
    const span = view[1] - view[0];
    const centre = view[0] + span * at;
    const next = Math.max(7 * DAY, Math.min((full[1] - full[0]) * 4, span * factor));
    view = [centre - next * at, centre + next * (1 - at)];
    draw();
  };
  const pan = (fraction: number) => {
    const shift = (view[1] - view[0]) * fraction;
    view = [view[0] + shift, view[1] + shift];
    draw();
  };
  chart.addEventListener("wheel", (event) => {
    event.preventDefault();
    const rect = chart.getBoundingClientRect();
    zoom(event.deltaY > 0 ? 1.25 : 0.8, (event.clientX - rect.left) / rect.width);
  }, { passive: false });
  let dragging: number | null = null;
  chart.addEventListener("pointerdown", (event) => (dragging = event.clientX));
  window.addEventListener("pointerup", () => (dragging = null));
  chart.addEventListener("pointermove", (event) => {
    if (dragging === null) return;
    const dx = event.clientX - dragging;
    dragging = event.clientX;
    pan(-dx / (chart.clientWidth || 800));
  });
  chart.addEventListener("keydown", (event) => {
    if (event.key === "+" || event.key === "=") zoom(0.8);
    else if (event.key === "-") zoom(1.25);
    else if (event.key === "ArrowLeft") pan(-0.1);
    else if (event.key === "ArrowRight") pan(0.1);
    else if (event.key === "0") {
      view = [...full];
      draw();
    } else return;
    event.preventDefault();
  });
  const buttons = h("p", { class: "tl-buttons" });
  const addButton = (label: string, title: string, fn: () => void) => {
    const b = h("button", { type: "button", class: "secondary", title, "aria-label": title }, label);
    b.addEventListener("click", fn);
    buttons.append(b);
  };
  addButton("+", "Zoom in", () => zoom(0.6));
  addButton("−", "Zoom out", () => zoom(1.6));
  addButton("←", "Earlier", () => pan(-0.25));
  addButton("→", "Later", () => pan(0.25));
  addButton("All", "Show everything", () => {
    view = [...full];
    draw();
  });

  const list = h(
    "ol",
    { class: "tl-list" },
    items.map((item) => {
      const li = h("li", { "data-item": "", tabindex: "-1" }, h("time", { datetime: item.date }, dateText(item.date)), " ", h("button", { type: "button", class: "linkish" }, item.label), " ", (item.entities ?? []).slice(0, 4).map((b) => [entityLink(b), " "]));
      li.querySelector("button")?.addEventListener("click", () => choose(item));
      li.addEventListener("keydown", (event) => {
        if (event.key === "Enter" && event.target === li) choose(item);
      });
      return li;
    }),
  );
  root.append(h("div", { class: "tl-layout" }, h("section", null, buttons, wrap, h("p", { class: "muted" }, `${items.length} dated items · wheel or + / − to zoom, drag or arrows to pan`), list), detail));
  draw();
  const onResize = () => draw();
  window.addEventListener("resize", onResize);
  return () => window.removeEventListener("resize", onResize);
}
