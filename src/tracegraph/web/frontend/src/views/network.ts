// The network: an entity's neighbourhood in Cytoscape.js, expandable node by node, shared
// identifiers as their own nodes, listed and flagged entities marked, a path finder, filters by
// relation type and date, and export of what is on screen (PNG, FtM, GraphML).
import cytoscape, { Core, EdgeSingular, ElementDefinition, NodeSingular } from "cytoscape";
import * as api from "../api";
import { append, clear, dateText, download, errorBox, h, link } from "../dom";
import { go, Route } from "../router";
import { Cut, GraphNode, Subgraph } from "../types";
import { badge, count, entityHref, entityPicker, evidenceList, exportButton } from "./common";

/** Below this many nodes a force-directed layout runs; above it nodes are placed in rings (fast). */
const FORCE_LAYOUT_MAX = 250;
/** Above this many nodes the view is drawn for speed: straight edges without labels or arrows, edges hidden while panning. */
const BIG = 300;

const COLOURS: Record<string, string> = {
  Person: "#2f6f9f",
  Company: "#6a4c93",
  Organization: "#6a4c93",
  LegalEntity: "#6a4c93",
  PublicBody: "#8a5a00",
  Substance: "#1b7f5a",
  Listing: "#b05d00",
  Address: "#777777",
};

/** Marks shared by both stylesheets: kinds of node, lists and flags, the selection, the path, the filters. */
const MARKS: cytoscape.StylesheetJson = [
  { selector: "node[kind = 'identifier']", style: { shape: "round-diamond", width: 14, height: 14, "font-size": 9, color: "#4a5563" } },
  { selector: "node.listed", style: { "border-width": 3, "border-color": "#c0392b" } },
  { selector: "node.flagged", style: { "background-color": "#c0392b", shape: "round-octagon" } },
  { selector: "node.root", style: { width: 30, height: 30, "font-weight": "bold" } },
  { selector: "node:selected", style: { "overlay-color": "#f5b700", "overlay-opacity": 0.35, "overlay-padding": 6 } },
  { selector: "edge:selected", style: { "line-color": "#f5b700", "target-arrow-color": "#f5b700", width: 3 } },
  { selector: "edge.path", style: { "line-color": "#e67e22", "target-arrow-color": "#e67e22", width: 4, "z-index": 10 } },
  { selector: "node.path", style: { "border-width": 4, "border-color": "#e67e22" } },
  { selector: ".filtered", style: { display: "none" } },
];

const NODE_LABEL = {
  label: "data(label)",
  "font-size": 10,
  "font-family": "var(--font), sans-serif",
  "text-valign": "bottom",
  "text-margin-y": 3,
  "text-max-width": "120px",
  "text-wrap": "ellipsis",
  "min-zoomed-font-size": 7,
  color: "#1c2530",
} as const;

/** Up to a few hundred nodes: labelled nodes, curved edges with arrows and labels. */
const STYLE: cytoscape.StylesheetJson = [
  { selector: "node", style: { "background-color": "data(colour)", width: 22, height: 22, ...NODE_LABEL } },
  {
    selector: "edge",
    style: {
      width: 1.5,
      "line-color": "#9fb0c0",
      "target-arrow-color": "#9fb0c0",
      "target-arrow-shape": "triangle",
      "arrow-scale": 0.8,
      "curve-style": "bezier",
      label: "data(label)",
      "font-size": 8,
      "text-rotation": "autorotate",
      "text-background-color": "#ffffff",
      "text-background-opacity": 0.8,
      "text-background-padding": "1px",
      "min-zoomed-font-size": 9,
      color: "#3d4b59",
    },
  },
  { selector: "edge[schema = 'SharedIdentifier']", style: { "line-style": "dashed", "target-arrow-shape": "none" } },
  ...MARKS,
];

/**
 * Big graphs: as few style properties as possible (Cytoscape works them out for every element before
 * the first frame): straight unlabelled edges, and node labels only on the nodes in view when zoomed in.
 */
const BIG_STYLE: cytoscape.StylesheetJson = [
  { selector: "node", style: { "background-color": "data(colour)", width: 22, height: 22 } },
  { selector: "node.labelled", style: NODE_LABEL },
  { selector: "edge", style: { width: 1, "line-color": "#9fb0c0", "curve-style": "haystack", "haystack-radius": 0 } },
  ...MARKS,
];

/** Relations the server follows from one entity by default, the most "Show more" asks for, and the step. */
const FANOUT = 50;
const FANOUT_MAX = 1000;
const FANOUT_STEP = 200;
/** Hubs listed by name in the notice of what is not shown. */
const CUTS_LISTED = 3;

/** Zoom from which the nodes in view get their labels on a big graph. */
const LABEL_ZOOM = 0.7;
/** The most nodes labelled at once on a big graph. */
const LABEL_MAX = 400;

function nodeLabel(n: GraphNode): string {
  const caption = n.caption.length > 32 ? `${n.caption.slice(0, 30)}…` : n.caption;
  return `${n.flagged ? "⚑ " : ""}${caption}`;
}

/** Rings around the most connected node, breadth first: O(nodes + edges), for graphs too big for a force layout. */
function ringPositions(cy: Core, rootId?: string): Record<string, { x: number; y: number }> {
  // plain maps of the visible graph: far faster than asking Cytoscape for each node's neighbourhood
  const ids: string[] = [];
  const adjacent = new Map<string, string[]>();
  cy.nodes().forEach((n) => {
    if (n.hasClass("filtered")) return;
    ids.push(n.id());
    adjacent.set(n.id(), []);
  });
  cy.edges().forEach((e) => {
    const [a, b] = [e.data("source") as string, e.data("target") as string];
    adjacent.get(a)?.push(b);
    adjacent.get(b)?.push(a);
  });
  let start = rootId && adjacent.has(rootId) ? rootId : ids[0];
  if (!(rootId && adjacent.has(rootId))) for (const id of ids) if ((adjacent.get(id)?.length ?? 0) > (adjacent.get(start)?.length ?? 0)) start = id;
  const depth = new Map<string, number>();
  const rings: string[][] = [];
  const queue: string[] = [];
  const visit = (id: string, d: number) => {
    if (depth.has(id) || !adjacent.has(id)) return;
    depth.set(id, d);
    (rings[d] ??= []).push(id);
    queue.push(id);
  };
  if (start !== undefined) visit(start, 0);
  for (let i = 0; i < queue.length; i++) {
    const d = depth.get(queue[i]) ?? 0;
    for (const other of adjacent.get(queue[i]) ?? []) visit(other, d + 1);
  }
  const outer = rings.length;
  for (const id of ids) visit(id, outer); // not reached: an outer ring
  const out: Record<string, { x: number; y: number }> = {};
  let radius = 0;
  rings.forEach((ring, d) => {
    radius = d === 0 ? 0 : Math.max(radius + 120, (ring.length * 34) / (2 * Math.PI));
    ring.forEach((id, i) => {
      const angle = (2 * Math.PI * i) / ring.length + d * 0.3;
      out[id] = { x: radius * Math.cos(angle), y: radius * Math.sin(angle) };
    });
  });
  return out;
}

interface NetworkState {
  cy: Core;
  expanded: Set<string>;
  /** entities whose relations were not all followed, by id */
  cuts: Map<string, Cut>;
  /** why the server stopped a walk early, if it did */
  stopped: string | null;
  /** entities whose relations were read beyond the default, with how many the server was asked to follow */
  more: Map<string, number>;
}

/** Keep what an answer says it left out; ``asked`` were read in full unless the answer names them. */
function noteCuts(state: NetworkState, sub: Subgraph, asked: string[]): void {
  for (const id of asked) state.cuts.delete(id);
  for (const cut of sub.truncated?.at ?? []) if (cut.more > 0) state.cuts.set(cut.id, cut);
  if (sub.truncated?.reason) state.stopped = sub.truncated.reason;
}

function addSubgraph(state: NetworkState, sub: Subgraph, around?: NodeSingular): cytoscape.Collection {
  const { cy } = state;
  const fresh: ElementDefinition[] = [];
  const centre = around?.position() ?? { x: 0, y: 0 };
  const newNodes = sub.nodes.filter((n) => cy.getElementById(n.id).empty());
  sizeMode(cy, cy.nodes().length + newNodes.length); // before adding: each element is styled once
  newNodes.forEach((n, i) => {
    const angle = (2 * Math.PI * i) / Math.max(1, newNodes.length);
    const radius = 90 + 14 * Math.sqrt(newNodes.length) + (i % 3) * 25;
    fresh.push({
      group: "nodes",
      data: { id: n.id, label: nodeLabel(n), schema: n.schema ?? "", kind: n.kind ?? "entity", caption: n.caption, colour: n.kind === "identifier" ? "#9aa5b1" : COLOURS[n.schema ?? ""] ?? "#4a5d6e" },
      classes: [n.listed ? "listed" : "", n.flagged ? "flagged" : ""].filter(Boolean).join(" "),
      position: { x: centre.x + radius * Math.cos(angle), y: centre.y + radius * Math.sin(angle) },
    });
  });
  for (const e of sub.edges) {
    if (!cy.getElementById(e.id).empty()) continue;
    fresh.push({ group: "edges", data: { id: e.id, source: e.source, target: e.target, label: e.label, schema: e.schema ?? "", date: e.date ?? "", evidence: e.evidence ?? [] } });
  }
  return cy.add(fresh);
}

/**
 * Fit the view to the visible nodes. On a big graph from the nodes' centres alone: Cytoscape's own fit
 * measures every label's text first, which took 1.5 s for 2,000 nodes.
 */
function fitView(cy: Core, padding = 30): void {
  const nodes = cy.nodes().not(".filtered");
  if (nodes.length <= BIG) {
    cy.fit(undefined, padding);
    return;
  }
  let [x1, y1, x2, y2] = [Infinity, Infinity, -Infinity, -Infinity];
  nodes.forEach((n) => {
    const p = n.position();
    x1 = Math.min(x1, p.x);
    y1 = Math.min(y1, p.y);
    x2 = Math.max(x2, p.x);
    y2 = Math.max(y2, p.y);
  });
  const margin = 20 + padding; // half a node and the padding
  const zoom = Math.max(cy.minZoom(), Math.min(cy.maxZoom(), (cy.width() - 2 * margin) / Math.max(1, x2 - x1), (cy.height() - 2 * margin) / Math.max(1, y2 - y1)));
  cy.viewport({ zoom, pan: { x: cy.width() / 2 - (zoom * (x1 + x2)) / 2, y: cy.height() / 2 - (zoom * (y1 + y2)) / 2 } });
}

function capZoom(cy: Core, max = 1.6): void {
  if (cy.zoom() > max) cy.zoom({ level: max, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
}

function relayout(cy: Core, fit = true, rootId?: string, fresh = false): void {
  const visible = cy.elements().not(".filtered");
  if (cy.nodes().length <= FORCE_LAYOUT_MAX) {
    visible.layout({ name: "cose", animate: false, randomize: fresh, nodeRepulsion: () => 60000, idealEdgeLength: () => 120, nodeOverlap: 20, gravity: 0.2, numIter: 1000, fit, padding: 40 } as cytoscape.LayoutOptions).run();
    if (fit) capZoom(cy);
  } else {
    let t = performance.now();
    const positions = ringPositions(cy, rootId);
    performance.measure("network:rings", { start: t, end: (t = performance.now()) });
    cy.batch(() => cy.nodes().positions((n) => positions[(n as NodeSingular).id()] ?? (n as NodeSingular).position()));
    performance.measure("network:positions", { start: t, end: (t = performance.now()) });
    if (fit) fitView(cy);
    performance.measure("network:fit", { start: t, end: (t = performance.now()) });
  }
}

/** Switch to the fast drawing once the graph is big (and back when it is small again). */
function sizeMode(cy: Core, nodes = cy.nodes().length): void {
  const big = nodes > BIG;
  if (big === (cy.scratch("big") === true)) return;
  cy.scratch("big", big);
  cy.style(big ? BIG_STYLE : STYLE);
  // a renderer option Cytoscape reads on every frame; its typings do not list renderer()
  const renderer = (cy as unknown as { renderer: () => { hideEdgesOnViewport: boolean } }).renderer();
  renderer.hideEdgesOnViewport = big;
}

/** On a big graph, label the nodes in view once zoomed in enough to read them. */
function labelInView(cy: Core): void {
  if (cy.scratch("big") !== true) return;
  const box = cy.extent();
  const inView = cy.zoom() < LABEL_ZOOM ? cy.collection() : cy.nodes().filter((n) => {
    const p = n.position();
    return p.x >= box.x1 && p.x <= box.x2 && p.y >= box.y1 && p.y <= box.y2;
  });
  const wanted = inView.length > LABEL_MAX ? cy.collection() : inView;
  cy.batch(() => {
    cy.nodes(".labelled").difference(wanted).removeClass("labelled");
    wanted.not(".labelled").addClass("labelled");
  });
}

export async function networkView(root: HTMLElement, route: Route): Promise<() => void> {
  const startId = route.path[1] ?? route.query.get("entity") ?? "";
  document.title = "Network · tracegraph";
  const container = h("div", { class: "cy", tabindex: "0", "aria-label": "Network graph. Select a node, press Enter to expand it." });
  const details = h("aside", { class: "net-details", "aria-live": "polite" }, h("p", { class: "muted" }, "Select a node or an edge. Double-click a node (or press Enter) to expand it."));
  const counter = h("span", { class: "muted counter", role: "status" });
  const notice = h("div", { class: "truncated", role: "status", "aria-live": "polite", hidden: true });
  const typeBox = h("fieldset", { class: "types" }, h("legend", null, "Relation types"));
  const dateFrom = h("input", { type: "date", name: "from", "aria-label": "From date" });
  const dateTo = h("input", { type: "date", name: "to", "aria-label": "To date" });
  const datedOnly = h("input", { type: "checkbox", name: "dated" });
  const pathFrom = entityPicker("from entity", "path-from");
  const pathTo = entityPicker("to entity", "path-to");
  const pathButton = h("button", { type: "submit" }, "Find path");
  const pathStatus = h("span", { class: "muted", role: "status" });
  const addPicker = entityPicker("add an entity", "add");
  root.classList.add("wide");

  // the container must be in the page (with a size) before Cytoscape starts
  let cy!: Core;
  const state: NetworkState = { cy: null as unknown as Core, expanded: new Set(), cuts: new Map(), stopped: null, more: new Map() };
  const updateCounter = () => {
    const shown = cy.elements().not(".filtered");
    counter.textContent = `${shown.nodes().length} nodes · ${shown.edges().length} edges`;
  };

  // the URL holds what is on screen beyond the start: nodes expanded, the path asked for, the filters;
  // opening it again rebuilds the same picture (replaceState: one history entry per page, not per click)
  let restoring = true;
  let pathAsked: [string, string] | null = null;
  const syncUrl = () => {
    if (restoring) return;
    const params = new URLSearchParams();
    for (const key of ["depth", "types"]) {
      const value = route.query.get(key);
      if (value) params.set(key, value);
    }
    const extra = [...state.expanded].filter((id) => id !== startId);
    if (extra.length) params.set("expand", extra.join(","));
    if (state.more.size) params.set("more", [...state.more].map(([id, n]) => `${id}:${n}`).join(","));
    if (pathAsked) {
      if (pathAsked[0] !== startId) params.set("path-from", pathAsked[0]);
      params.set("path", pathAsked[1]);
    }
    typeBox.querySelectorAll<HTMLInputElement>("input:not(:checked)").forEach((box) => params.append("hide", box.value));
    if (dateFrom.value) params.set("from", dateFrom.value);
    if (dateTo.value) params.set("to", dateTo.value);
    if (datedOnly.checked) params.set("dated", "1");
    const qs = params.toString();
    const href = `/network${startId ? `/${encodeURIComponent(startId)}` : ""}${qs ? `?${qs}` : ""}`;
    if (href !== location.pathname + location.search) history.replaceState(null, "", href);
  };

  const refreshTypes = () => {
    const labels = new Map<string, number>();
    cy.edges().forEach((e) => {
      labels.set(e.data("label"), (labels.get(e.data("label")) ?? 0) + 1);
    });
    const checked = new Set(Array.from(typeBox.querySelectorAll<HTMLInputElement>("input:not(:checked)")).map((i) => i.value));
    if (restoring) route.query.getAll("hide").forEach((label) => checked.add(label));
    typeBox.querySelectorAll("label").forEach((l) => l.remove());
    for (const [label, count] of [...labels].sort()) {
      const box = h("input", { type: "checkbox", value: label, checked: !checked.has(label) });
      box.addEventListener("change", applyFilters);
      typeBox.append(h("label", null, box, ` ${label} `, h("span", { class: "count" }, count)));
    }
  };

  function applyFilters(): void {
    const off = new Set(Array.from(typeBox.querySelectorAll<HTMLInputElement>("input:not(:checked)")).map((i) => i.value));
    const from = dateFrom.value;
    const to = dateTo.value;
    cy.batch(() => {
      cy.edges().forEach((e) => {
        const date: string = e.data("date") ?? "";
        const outOfRange = date ? (from && date.slice(0, 10) < from) || (to && date.slice(0, 10) > to) : datedOnly.checked;
        const hide = off.has(e.data("label")) || Boolean(outOfRange);
        if (hide !== e.hasClass("filtered")) e.toggleClass("filtered", hide);
      });
      // identifier nodes and nodes whose every edge is filtered out are hidden too, except expanded ones
      // (counted in plain maps: a collection per node costs seconds on a big graph)
      const edgesOf = new Map<string, number>();
      const shownOf = new Map<string, number>();
      cy.edges().forEach((e) => {
        const shown = e.hasClass("filtered") ? 0 : 1;
        for (const end of [e.data("source") as string, e.data("target") as string]) {
          edgesOf.set(end, (edgesOf.get(end) ?? 0) + 1);
          shownOf.set(end, (shownOf.get(end) ?? 0) + shown);
        }
      });
      cy.nodes().forEach((n) => {
        const id = n.id();
        const hidden = (edgesOf.get(id) ?? 0) > 0 && (shownOf.get(id) ?? 0) === 0 && !state.expanded.has(id);
        if (hidden !== n.hasClass("filtered")) n.toggleClass("filtered", hidden);
      });
    });
    updateCounter();
    syncUrl();
  }

  const showNode = (n: NodeSingular) => {
    const isEntity = n.data("kind") !== "identifier";
    const expand = h("button", { type: "button" }, state.expanded.has(n.id()) ? "Expanded" : "Expand");
    expand.disabled = state.expanded.has(n.id());
    expand.addEventListener("click", () => void expandNode(n));
    clear(details);
    append(details, [
      h("h2", null, n.data("caption"), " ", badge(n.data("schema"))),
      n.hasClass("flagged") ? h("p", { class: "flag" }, "⚑ flagged (sanctioned or on a watch list)") : null,
      n.hasClass("listed") ? h("p", { class: "flag" }, "on a loaded list") : null,
      h("p", null, expand, " ", isEntity ? link(entityHref(n.id()), "Open entity page") : null),
      h("p", { class: "muted" }, `${n.degree(false)} edges on screen`),
    ]);
  };

  const showEdge = (e: EdgeSingular) => {
    clear(details);
    append(details, [
      h("h2", null, e.data("label")),
      h("p", null, link(entityHref(e.source().id()), e.source().data("caption")), " → ", link(entityHref(e.target().id()), e.target().data("caption"))),
      e.data("date") ? h("p", null, h("time", null, dateText(e.data("date")))) : null,
      evidenceList(e.data("evidence"), 5) ?? h("p", { class: "muted" }, "No evidence attached."),
    ]);
  };

  /** Say what the server did not follow (hubs and their counts), with a button to read more of each. */
  function showNotice(): void {
    const cuts = [...state.cuts.values()].sort((a, b) => b.more - a.more || a.id.localeCompare(b.id));
    const more = cuts.reduce((sum, c) => sum + c.more, 0);
    notice.hidden = !cuts.length && !state.stopped;
    if (notice.hidden) {
      clear(notice);
      return;
    }
    const items = cuts.slice(0, CUTS_LISTED).map((cut) => {
      const button = h("button", { type: "button", class: "secondary", "data-more": cut.id }, cut.followed >= FANOUT_MAX ? "Open its entity page" : `Show ${count(Math.min(cut.more, FANOUT_STEP, FANOUT_MAX - cut.followed))} more`);
      button.addEventListener("click", () => (cut.followed >= FANOUT_MAX ? go(entityHref(cut.id)) : void showMore(cut, button)));
      const over = cut.exact === false ? "more than " : ""; // counted only up to a cap
      return h("li", null, h("strong", null, cut.caption), `: ${count(cut.followed)} of ${over}${count(cut.followed + cut.more)} relations shown, ${over}${count(cut.more)} not followed `, button);
    });
    const rest = cuts.length > CUTS_LISTED ? h("li", null, `and ${count(cuts.length - CUTS_LISTED)} more entities with relations not followed`) : null;
    clear(notice);
    append(notice, [
      h("p", null, h("strong", null, "Not everything is shown. "), more ? `${cuts.some((c) => c.exact === false) ? "More than " : ""}${count(more)} relation${more === 1 ? " was" : "s were"} not followed.` : "", state.stopped ? ` The server stopped early: ${state.stopped}.` : ""),
      cuts.length ? h("ul", null, items, rest) : null,
    ]);
  }

  /** Read up to ``fanout`` of an entity's relations (more than the server follows by default) and add them. */
  async function readMore(id: string, fanout: number): Promise<void> {
    const sub = await api.get<Subgraph>(`/entities/${encodeURIComponent(id)}/neighbors`, { depth: 1, fanout });
    const node = cy.getElementById(id);
    addSubgraph(state, sub, node.nonempty() ? node : undefined);
    noteCuts(state, sub, [id]);
    state.more.set(id, fanout);
    sizeMode(cy);
    refreshTypes();
    applyFilters();
    relayout(cy, true, startId);
    showNotice();
    syncUrl();
  }

  async function showMore(cut: Cut, button: HTMLButtonElement): Promise<void> {
    button.disabled = true;
    button.textContent = "Loading…";
    try {
      await readMore(cut.id, Math.min(FANOUT_MAX, cut.followed + FANOUT_STEP));
    } catch (err) {
      button.disabled = false;
      details.replaceChildren(errorBox(err));
    }
  }

  async function expandNode(n: NodeSingular): Promise<void> {
    if (state.expanded.has(n.id())) return;
    state.expanded.add(n.id());
    n.addClass("expanded");
    try {
      const sub = await api.get<Subgraph>(`/entities/${encodeURIComponent(n.id())}/neighbors`, { depth: 1 });
      noteCuts(state, sub, [n.id()]);
      showNotice();
      const added = addSubgraph(state, sub, n);
      sizeMode(cy);
      refreshTypes();
      applyFilters();
      if (cy.nodes().length <= FORCE_LAYOUT_MAX && added.nodes().length) relayout(cy, false);
      cy.animate({ center: { eles: n }, duration: 200 });
      showNode(n);
      syncUrl();
    } catch (err) {
      state.expanded.delete(n.id());
      details.append(errorBox(err));
    }
  }

  async function load(id: string, depth: number): Promise<void> {
    const sub = await api.get<Subgraph>(`/entities/${encodeURIComponent(id)}/neighbors`, { depth, types: route.query.get("types") });
    noteCuts(state, sub, []);
    showNotice();
    // named steps on the browser's performance timeline (read by bench/bench_web.py)
    const step = (name: string, run: () => void) => {
      const t0 = performance.now();
      run();
      performance.measure(`network:${name}`, { start: t0, end: performance.now() });
    };
    step("add", () => addSubgraph(state, sub));
    step("style", () => sizeMode(cy));
    state.expanded.add(id);
    cy.getElementById(id).addClass("root");
    step("types", refreshTypes);
    step("filters", applyFilters);
    step("layout", () => relayout(cy, true, id));
    syncUrl();
  }

  container.addEventListener("keydown", (event) => {
    const selected = cy.nodes(":selected");
    if (event.key === "Enter" && selected.length) void expandNode(selected[0]);
    if (event.key === "f") fitView(cy);
    if (event.key === "Tab" && !event.shiftKey && cy.nodes().length) {
      // move the selection through the nodes with the keyboard
      const nodes = cy.nodes().not(".filtered").toArray();
      const at = selected.length ? nodes.findIndex((n) => n.id() === selected[0].id()) : -1;
      const next = nodes[(at + 1) % nodes.length] as NodeSingular;
      if (event.altKey) return;
      event.preventDefault();
      cy.elements().unselect();
      next.select();
      cy.animate({ center: { eles: next }, duration: 120 });
      showNode(next);
    }
  });

  const pathForm = h("form", { class: "path-form inline", "aria-label": "Path finder" }, h("strong", null, "Path "), pathFrom.el, " → ", pathTo.el, pathButton, pathStatus);
  pathForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const [source, target] = [pathFrom.value(), pathTo.value()];
    if (!source || !target) return;
    pathStatus.textContent = "searching…";
    try {
      const found = await api.get<{ paths: Subgraph[]; truncated?: Subgraph["truncated"] }>("/paths", { source, target, max_hops: 4 });
      pathAsked = [source, target];
      syncUrl();
      cy.elements().removeClass("path");
      if (!found.paths.length) {
        const stopped = found.truncated?.reason;
        pathStatus.textContent = stopped ? `no path found before the search stopped (${stopped})` : "no path within 4 hops";
        return;
      }
      let on = cy.collection();
      for (const p of found.paths) {
        addSubgraph(state, p);
        for (const n of p.nodes) on = on.union(cy.getElementById(n.id));
        for (const e of p.edges) on = on.union(cy.getElementById(e.id));
      }
      on.addClass("path");
      sizeMode(cy);
      refreshTypes();
      applyFilters();
      relayout(cy, false, undefined, true);
      cy.fit(on, 60);
      capZoom(cy, 1.2);
      const hops = found.paths[0].nodes.filter((n) => n.kind !== "identifier").length - 1;
      pathStatus.textContent = `${found.paths.length} path${found.paths.length === 1 ? "" : "s"} found (${hops} hop${hops === 1 ? "" : "s"})`;
    } catch (err) {
      pathStatus.textContent = err instanceof Error ? err.message : String(err);
    }
  });

  const addForm = h("form", { class: "inline" }, addPicker.el, h("button", { type: "submit" }, "Add"));
  addForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const id = addPicker.value();
    if (!id) return;
    try {
      await load(id, 1);
    } catch (err) {
      details.replaceChildren(errorBox(err));
    }
  });

  const visibleEntityIds = () => cy.nodes().not(".filtered").filter((n) => n.data("kind") !== "identifier").map((n) => n.id());
  const png = h("button", { type: "button", class: "secondary", "data-export": "png" }, "PNG");
  png.addEventListener("click", () => {
    const blob = cy.png({ output: "blob", bg: "#ffffff", full: false, scale: 2 }) as unknown as Blob;
    download(`network-${startId || "graph"}.png`, blob);
  });
  const fit = h("button", { type: "button", class: "secondary" }, "Fit");
  fit.addEventListener("click", () => fitView(cy));
  const layoutButton = h("button", { type: "button", class: "secondary" }, "Re-layout");
  layoutButton.addEventListener("click", () => relayout(cy, true, startId, true));
  dateFrom.value = route.query.get("from") ?? "";
  dateTo.value = route.query.get("to") ?? "";
  datedOnly.checked = route.query.get("dated") === "1";
  for (const input of [dateFrom, dateTo, datedOnly]) input.addEventListener("change", applyFilters);

  const legend = h(
    "details",
    { class: "legend" },
    h("summary", null, "Legend"),
    h(
      "ul",
      null,
      Object.entries(COLOURS)
        .filter(([schema]) => !["Organization", "LegalEntity"].includes(schema))
        .map(([schema]) => h("li", null, h("span", { class: `dot schema-${schema.toLowerCase()}` }), ` ${schema}`)),
      h("li", null, h("span", { class: "dot diamond" }), " shared identifier (phone, e-mail, address…)"),
      h("li", null, h("span", { class: "dot ring" }), " on a loaded list"),
      h("li", null, h("span", { class: "dot flagged" }), " ⚑ flagged: listed, sanctioned or controlled"),
      h("li", null, "dashed edge: shares an identifier"),
    ),
  );
  const filters = h(
    "details",
    { class: "filters", open: true },
    h("summary", null, "Filters"),
    typeBox,
    h("fieldset", null, h("legend", null, "Dates"), h("label", null, "from ", dateFrom), h("label", null, " to ", dateTo), h("label", null, datedOnly, " dated relations only")),
  );
  root.append(
    h("div", { class: "net-toolbar" }, h("h1", null, "Network"), counter, addForm, pathForm),
    notice,
    h(
      "div",
      { class: "net-layout" },
      h("div", { class: "net-side" }, filters, legend, h("div", { class: "exports" }, h("span", null, "Export on screen: "), png, exportButton("FtM", "ftm", visibleEntityIds, "network.ftm.json"), exportButton("GraphML", "graphml", visibleEntityIds, "network.graphml"), fit, layoutButton)),
      container,
      details,
    ),
  );
  cy = cytoscape({
    container,
    style: STYLE,
    minZoom: 0.05,
    maxZoom: 4,
    wheelSensitivity: 0.3,
    pixelRatio: 1,
    textureOnViewport: true,
    motionBlur: false,
    hideEdgesOnViewport: false,
  });
  state.cy = cy;
  (window as unknown as { tracegraphCy?: Core }).tracegraphCy = cy;

  let labelTimer = 0;
  cy.on("viewport", () => {
    window.clearTimeout(labelTimer);
    labelTimer = window.setTimeout(() => labelInView(cy), 150);
  });
  cy.on("tap", "node", (ev) => showNode(ev.target));
  cy.on("tap", "edge", (ev) => showEdge(ev.target));
  cy.on("dbltap", "node", (ev) => void expandNode(ev.target));
  if (startId) {
    try {
      await load(startId, Math.min(3, Math.max(1, Number(route.query.get("depth") ?? 1) || 1)));
      const first = cy.getElementById(startId);
      if (first.nonempty()) {
        first.select();
        showNode(first);
        pathFrom.set({ id: first.id(), caption: first.data("caption"), schema: first.data("schema") });
      }
      document.title = `${first.nonempty() ? first.data("caption") : startId} · network · tracegraph`;
    } catch (err) {
      details.replaceChildren(errorBox(err));
    }
  } else {
    details.replaceChildren(h("p", null, "Add an entity to start, or open one from ", link("/search", "search"), "."));
  }
  // nodes expanded before, in the order they were (an id not on screen is added with its neighbours)
  for (const id of (route.query.get("expand") ?? "").split(",").filter(Boolean).slice(0, 200)) {
    try {
      const node = cy.getElementById(id);
      if (node.nonempty()) await expandNode(node);
      else await load(id, 1);
    } catch (err) {
      details.append(errorBox(err));
    }
  }
  // hubs read beyond the default (more=ID:N), as they were
  for (const item of (route.query.get("more") ?? "").split(",").filter(Boolean).slice(0, 50)) {
    const at = item.lastIndexOf(":");
    const fanout = Math.min(FANOUT_MAX, Number(item.slice(at + 1)) || 0);
    if (at <= 0 || fanout <= FANOUT) continue;
    try {
      await readMore(item.slice(0, at), fanout);
    } catch (err) {
      details.append(errorBox(err));
    }
  }
  restoring = false;
  applyFilters();
  const target = route.query.get("path");
  if (target) {
    const source = route.query.get("path-from");
    if (source) pathFrom.set({ id: source, caption: cy.getElementById(source).data("caption") ?? source, schema: null });
    pathTo.set({ id: target, caption: cy.getElementById(target).data("caption") ?? target, schema: null });
    pathForm.requestSubmit();
  }
  const onResize = () => cy.resize();
  window.addEventListener("resize", onResize);
  document.body.dataset.networkReady = "true";
  return () => {
    window.removeEventListener("resize", onResize);
    delete document.body.dataset.networkReady;
    delete (window as unknown as { tracegraphCy?: Core }).tracegraphCy;
    window.clearTimeout(labelTimer);
    root.classList.remove("wide");
    cy.destroy();
  };
}
