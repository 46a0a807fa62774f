import { h, link } from "../dom";
import { Route } from "../router";

export function homeView(root: HTMLElement, _route: Route): void {
  document.title = "tracegraph";
  root.append(
    h("h1", null, "tracegraph workbench"),
    h("p", { class: "lead" }, "Search the graph, open an entity to see every relation with the sentence it came from, expand its network, screen names against the loaded lists."),
    h(
      "ul",
      { class: "tiles" },
      [
        ["/search", "Search", "Entities, documents and listings, with facets."],
        ["/network", "Network", "Expand a neighbourhood node by node; find paths."],
        ["/timeline", "Timeline", "Dated relations and events, each with its evidence."],
        ["/screen", "Screening", "A name or a CSV against the sanctions lists, with reasons."],
        ["/substances", "Substances", "Controls by jurisdiction and date, with the structure."],
        ["/listings", "Listings", "Seller offers, filtered by controlled status and destination."],
        ["/documents", "Documents", "Sources, cleaned text with entities marked, the raw file."],
        ["/jobs", "Jobs", "Start a build and follow its progress."],
      ].map(([href, title, text]) => h("li", { "data-item": "", tabindex: "-1" }, link(href, h("strong", null, title)), h("p", null, text))),
    ),
    h("p", { class: "muted" }, "Press ", h("kbd", null, "?"), " for keyboard shortcuts."),
  );
}
