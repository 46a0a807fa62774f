// Bundle the workbench into ../static: app.js and app.css (esbuild, minified), and index.html that
// asks for them with a content hash (so browsers cache them safely). Writes build.json with the hash
// of the sources, which a test compares with the sources to catch a stale bundle.
import { build } from "esbuild";
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, writeFileSync, mkdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const here = new URL(".", import.meta.url).pathname;
const out = join(here, "..", "static");
mkdirSync(out, { recursive: true });

function files(dir) {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

const sources = [...files(join(here, "src")), join(here, "package-lock.json"), join(here, "build.mjs")];
const sourceHash = createHash("sha256");
for (const path of sources) {
  sourceHash.update(relative(here, path).split("\\").join("/"));
  sourceHash.update("\0");
  sourceHash.update(readFileSync(path));
  sourceHash.update("\0");
}

await build({
  entryPoints: [join(here, "src", "main.ts")],
  bundle: true,
  minify: true,
  format: "esm",
  target: ["chrome110", "firefox110", "safari16"],
  outdir: out,
  entryNames: "app",
  legalComments: "linked",
  logLevel: "warning",
});

const digest = (name) => createHash("sha256").update(readFileSync(join(out, name))).digest("hex").slice(0, 12);
const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>tracegraph</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/static/app.css?v=${digest("app.css")}">
<script type="module" src="/static/app.js?v=${digest("app.js")}"></script>
</head>
<body>
<noscript>The tracegraph workbench needs JavaScript; the same data is on the REST API under /api.</noscript>
</body>
</html>
`;
writeFileSync(join(out, "index.html"), html);
writeFileSync(join(out, "build.json"), JSON.stringify({ sources: sourceHash.digest("hex") }, null, 2) + "\n");
console.log(`built ${relative(process.cwd(), out)}: app.js ${statSync(join(out, "app.js")).size} bytes, app.css ${statSync(join(out, "app.css")).size} bytes`);
