// Shapes of the REST API's answers (the contract the server implements). Fields a server may
// leave out are optional, so the UI shows what it gets.

export interface Brief {
  id: string;
  caption: string;
  schema: string | null;
}

export interface Evidence {
  document_id?: string | null;
  record_id?: string | null;
  start?: number | null;
  end?: number | null;
  span?: [number, number] | null;
  sentence?: string | null;
  title?: string | null;
  dataset?: string | null;
  published?: string | null;
}

export interface SearchResult {
  id: string;
  schema: string;
  caption: string;
  countries?: string[];
  datasets?: string[];
  snippet?: string | null;
  score?: number;
  kind?: string;
  /** the screening lists the entity is on */
  lists?: string[];
  /** years of its dated statements, relations and events */
  years?: string[];
}

export interface SearchAnswer {
  total: number;
  results: SearchResult[];
  facets?: Record<string, Record<string, number>>;
}

export interface Relation {
  id: string;
  schema: string;
  label: string;
  direction: "out" | "in" | string;
  other: Brief;
  date?: string | null;
  evidence?: Evidence[];
}

export interface EntityAnswer {
  id: string;
  schema: string;
  caption: string;
  names?: string[];
  properties?: Record<string, string[]>;
  datasets?: string[];
  flags?: (string | { label?: string; reason?: string; list?: string; dataset?: string })[];
  members?: string[];
  sources?: Evidence[];
  relations?: Relation[];
  truncated?: Truncated;
}

export interface GraphNode {
  id: string;
  schema: string | null;
  caption: string;
  kind?: "entity" | "identifier" | string;
  listed?: boolean;
  flagged?: boolean;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  label: string;
  schema?: string;
  date?: string | null;
  evidence?: Evidence[];
}

/** An entity whose relations were not all followed: ``followed`` were, ``more`` were not (more than
 * ``more`` when ``exact`` is false: the server counts a hub's relations only up to a cap). */
export interface Cut {
  id: string;
  caption: string;
  followed: number;
  more: number;
  exact?: boolean;
}

/** What an answer left out: relations not followed at hubs, and why a walk stopped. */
export interface Truncated {
  more: number;
  exact?: boolean;
  at: Cut[];
  reason?: string;
}

export interface Subgraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  truncated?: Truncated;
}

export interface TimelineItem {
  id: string;
  date: string;
  label: string;
  schema?: string;
  entities?: Brief[];
  evidence?: Evidence[];
}

export interface Mention {
  start: number;
  end: number;
  entity_id: string;
  schema?: string;
}

export interface DocumentAnswer {
  id: string;
  title?: string | null;
  text: string;
  kind?: string;
  date?: string | null;
  source?: string | null;
  mentions?: Mention[];
}

export interface ScreenMatch {
  id: string;
  caption: string;
  schema: string;
  score: number;
  reasons?: string[] | Record<string, string>;
  datasets?: string[];
  features?: Record<string, number>;
}

export interface ScreenAnswer {
  results: { query: Record<string, string>; matches: ScreenMatch[] }[];
}

export interface Job {
  id: string;
  kind: string;
  status: string;
  progress?: number | null;
  message?: string | null;
}

/** Start and end of an evidence span, from either {start, end} or {span: [start, end]}. */
export function spanOf(ev: Evidence): [number, number] | null {
  if (typeof ev.start === "number" && typeof ev.end === "number") return [ev.start, ev.end];
  if (ev.span && ev.span.length === 2) return [ev.span[0], ev.span[1]];
  return null;
}

/** The document URL of a piece of evidence, opening at its span. */
export function evidenceHref(ev: Evidence): string | null {
  if (!ev.document_id) return null;
  const span = spanOf(ev);
  return `/documents/${encodeURIComponent(ev.document_id)}${span ? `#span=${span[0]}-${span[1]}` : ""}`;
}
