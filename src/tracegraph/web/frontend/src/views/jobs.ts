// Jobs: upload files and start long work (ingest, build, list loads) into a collection, and follow
// the progress of the caller's jobs as they run.
import * as api from "../api";
import { errorBox, h } from "../dom";
import { Route } from "../router";
import { Job } from "../types";

const POLL_MS = 1000;
const FINISHED = ["done", "failed", "error", "cancelled", "finished"];

interface Collection {
  name: string;
  label?: string;
  marking?: string;
  level?: string;
}

function row(job: Job & { collection?: string | null; created_at?: string | null }): HTMLElement {
  const pct = Math.round(100 * Math.max(0, Math.min(1, job.progress ?? 0)));
  return h(
    "li",
    { class: `job status-${job.status}`, "data-item": "", tabindex: "-1", "data-job": job.id },
    h("strong", null, job.kind),
    job.collection ? h("span", { class: "tag" }, job.collection) : null,
    " ",
    h("span", { class: "tag" }, job.status),
    " ",
    h("progress", { max: 100, value: pct, "aria-label": `${job.kind} progress` }),
    ` ${pct}% `,
    h("span", { class: "muted" }, job.message ?? ""),
  );
}

export async function jobsView(root: HTMLElement, _route: Route): Promise<() => void> {
  document.title = "Jobs · tracegraph";
  const list = h("ul", { class: "jobs", "aria-live": "polite" });
  const status = h("div", { "aria-live": "polite" });
  let timer = 0;
  let stopped = false;
  const poll = async () => {
    window.clearTimeout(timer);
    try {
      const found = await api.get<{ results: Job[] }>("/jobs");
      if (stopped) return;
      list.replaceChildren(...found.results.map(row));
      if (!found.results.length) list.append(h("li", { class: "muted" }, "No jobs yet."));
      if (found.results.some((j) => !FINISHED.includes(j.status))) timer = window.setTimeout(() => void poll(), POLL_MS);
    } catch (err) {
      list.replaceChildren(h("li", null, errorBox(err)));
    }
  };

  const collections = await api.get<{ results: Collection[] }>("/collections").then((r) => r.results.filter((c) => c.level === "write")).catch(() => [] as Collection[]);
  const kind = h("select", { name: "kind", "aria-label": "Kind of job" }, h("option", { value: "build" }, "Build (extract, resolve)"), h("option", { value: "ingest" }, "Ingest files"), h("option", { value: "lists_load" }, "Load a list"));
  const collection = h(
    "select",
    { name: "collection", "aria-label": "Collection" },
    collections.length ? collections.map((c) => h("option", { value: c.name }, `${c.label || c.name}${c.marking ? ` (${c.marking})` : ""}`)) : h("option", { value: "default" }, "default"),
  );
  const files = h("input", { type: "file", name: "files", multiple: true, "aria-label": "Files to upload" });
  const filesLabel = h("label", { hidden: true }, " files ", files);
  kind.addEventListener("change", () => (filesLabel.hidden = kind.value === "build"));
  const start = h("button", { type: "submit" }, "Start");
  const form = h("form", { class: "inline" }, kind, h("label", null, " into ", collection), filesLabel, start);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    start.disabled = true;
    status.replaceChildren();
    try {
      const uploads: string[] = [];
      if (kind.value !== "build") {
        const chosen = Array.from(files.files ?? []);
        if (!chosen.length) throw new Error("Choose the files to read.");
        for (const file of chosen) {
          const body = new FormData();
          body.append("file", file);
          status.replaceChildren(h("p", { class: "muted" }, `Uploading ${file.name}…`));
          uploads.push((await api.post<{ id: string }>("/uploads", body)).id);
        }
      }
      const job = await api.post<{ id: string }>("/jobs", { kind: kind.value, collection: collection.value, uploads });
      status.replaceChildren(h("p", { class: "ok", role: "status" }, `Started ${job.id}.`));
      await poll();
    } catch (err) {
      status.replaceChildren(errorBox(err));
    } finally {
      start.disabled = false;
    }
  });
  root.append(h("h1", null, "Jobs"), h("p", { class: "muted" }, "Long work runs on the server; its progress shows here as it runs."), form, status, list);
  await poll();
  return () => {
    stopped = true;
    window.clearTimeout(timer);
  };
}
