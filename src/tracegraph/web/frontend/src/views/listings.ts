// Listings: seller offers found in pages, filtered by controlled status and destination.
import * as api from "../api";
import { dateText, h, link } from "../dom";
import { go, Route } from "../router";
import { table } from "./common";

interface Listing {
  id: string;
  name?: string;
  seller?: string[];
  product?: string[];
  product_as_written?: string[];
  date?: string[] | string;
  destination?: string[];
  controlled_in?: string[];
  controls?: string[];
  price?: string[];
  contacts?: string[];
  documents?: string[];
}

export async function listingsView(root: HTMLElement, route: Route): Promise<void> {
  document.title = "Listings · tracegraph";
  const controlled = route.query.get("controlled") === "true";
  const destination = route.query.get("destination") ?? "";
  const box = h("input", { type: "checkbox", name: "controlled", checked: controlled });
  const dest = h("input", { name: "destination", value: destination, size: 4, placeholder: "e.g. MX", "aria-label": "Destination country code" });
  const form = h("form", { class: "inline" }, h("label", null, box, " controlled where shipped"), h("label", null, " destination ", dest), h("button", { type: "submit" }, "Filter"));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const params = new URLSearchParams();
    if (box.checked) params.set("controlled", "true");
    if (dest.value.trim()) params.set("destination", dest.value.trim().toUpperCase());
    go(`/listings${params.toString() ? `?${params}` : ""}`);
  });
  root.append(h("h1", null, "Listings"), form);
  const answer = await api.get<{ listings?: Listing[]; results?: Listing[] } | Listing[]>("/listings", { controlled: controlled || null, destination: destination || null });
  const rows = Array.isArray(answer) ? answer : answer.listings ?? answer.results ?? [];
  const only = route.query.get("id");
  const shown = only ? rows.filter((r) => r.id === only) : rows;
  const upper = (xs?: string[]) => (xs ?? []).map((x) => x.toUpperCase()).join(", ");
  root.append(
    h("p", { class: "muted" }, `${shown.length} listing${shown.length === 1 ? "" : "s"}`),
    table(
      ["Seller", "Product", "Date", "Ships to", "Controlled in", "Price", "Source"],
      shown.map((r) => [
        (r.seller ?? []).join("; "),
        [(r.product ?? []).map((p) => link(`/substances?q=${encodeURIComponent(p)}`, p)), r.product_as_written?.length && r.product_as_written.join() !== (r.product ?? []).join() ? h("div", { class: "muted" }, `as written: ${r.product_as_written.join(", ")}`) : null],
        dateText(Array.isArray(r.date) ? r.date[0] : r.date),
        upper(r.destination),
        h("span", { class: r.controlled_in?.length ? "flag" : "" }, upper(r.controlled_in)),
        (r.price ?? []).join("; "),
        (r.documents ?? []).map((d) => link(`/documents/${encodeURIComponent(d)}`, "page")),
      ]),
      "listings",
    ),
  );
}
