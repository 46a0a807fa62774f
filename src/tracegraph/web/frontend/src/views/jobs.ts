// Jobs: start long work (a build) and follow the progress of the jobs started from this browser.
import * as api from "../api";
import { errorBox, h } from "../dom";
import { Route } from "../router";
import { Job } from "../types";

const KEY = "tracegraph.jobs";
const POLL_MS = 1000;

function known(): string[] {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? "[]") as string[];
  } catch {
    return [];
  }
}

function remember(id: string): void {
  localStorage.setItem(KEY, JSON.stringify([id, ...known().filter((x) => x !== id)].slice(0, 20)));
}

function row(job: Job): HTMLElement {
  const pct = Math.round(100 * Math.max(0, Math.min(1, job.progress ?? 0)));
  return h(
    "li",
    { class: `job status-${job.status}`, "data-item": "", tabindex: "-1", "data-job": job.id },
    h("strong", null, job.kind), " ", h("span", { class: "tag" }, job.status), " ",
    h("progress", { max: 100, value: pct, "aria-label": `${job.kind} progress` }), ` ${pct}% `,
    h("span", { class: "muted" }, job.message ?? ""),
  );
}

export function jobsView(root: HTMLElement, _route: Route): () => void {
  document.title = "Jobs · tracegraph";
  const list = h("ul", { class: "jobs", "aria-live": "polite" });
  const status = h("div");
  let timer = 0;
  let stopped = false;
  const poll = async () => {
    const ids = known();
    const jobs = await Promise.all(ids.map((id) => api.get<Job>(`/jobs/${encodeURIComponent(id)}`).catch(() => null)));
    if (stopped) return;
    list.replaceChildren(...jobs.filter((j): j is Job => j !== null).map(row));
    if (!list.children.length) list.append(h("li", { class: "muted" }, "No jobs started from this browser yet."));
    if (jobs.some((j) => j && !["done", "failed", "error", "cancelled", "finished"].includes(j.status))) timer = window.setTimeout(() => void poll(), POLL_MS);
  };
  const start = (kind: string) => async () => {
    try {
      const job = await api.post<{ id: string }>("/jobs", { kind });
      remember(job.id);
      window.clearTimeout(timer);
      await poll();
    } catch (err) {
      status.replaceChildren(errorBox(err));
    }
  };
  const build = h("button", { type: "button" }, "Start a build");
  build.addEventListener("click", start("build"));
  root.append(h("h1", null, "Jobs"), h("p", null, build, " ", h("span", { class: "muted" }, "extract, resolve and project what was ingested; progress shows here as it runs")), status, list);
  void poll();
  return () => {
    stopped = true;
    window.clearTimeout(timer);
  };
}
