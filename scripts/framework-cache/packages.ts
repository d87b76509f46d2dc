// What Framework 1.13.4 asks `reports/.observablehq/cache/_npm/` for, and where each piece comes from
// in node_modules. Framework uses a cached `_npm/<name>@<version>/…` file as is and takes versions from
// the folder names, so filling these folders keeps `observable build` / `preview` off the network.
// Sources: node_modules/@observablehq/framework/dist/{npm,libraries,resolvers,rollup}.js and
// dist/client/stdlib/*.js (the `npm:` imports of the client runtime).
import {posix} from "node:path";

/** A package bundled to `_npm/<name>@<version>/_esm.js`, plus raw files copied beside it. */
export type BundledPackage = {
  name: string;
  /** Module to bundle, resolved from the project root like an import (package name or subpath). */
  entry: string;
  /** Bare imports left out of the bundle and pointed at another cached package's `_esm.js`. */
  external?: string[];
  /** Files copied as is, paths relative to the package folder (kept as the same relative path). */
  raw?: string[];
  /** Bundled only when installed; otherwise it gets an empty version folder and a warning. */
  optional?: {fallbackVersion: string; reason: string};
};

export const BUNDLED_PACKAGES: BundledPackage[] = [
  // implicit `Arrow`, FileAttachment#arrow, DuckDBClient; also the one copy DuckDB-WASM links to
  // (Framework itself resolves duckdb-wasm's apache-arrow dependency to "latest").
  {name: "apache-arrow", entry: "apache-arrow"},
  {name: "d3", entry: "d3"},
  // FileAttachment#csv / #tsv
  {name: "d3-dsv", entry: "d3-dsv"},
  {name: "htl", entry: "htl"},
  // implicit dependency of Inputs
  {name: "isoformat", entry: "isoformat"},
  {name: "@observablehq/plot", entry: "@observablehq/plot", external: ["d3", "isoformat"]},
  {
    name: "@duckdb/duckdb-wasm",
    entry: "@duckdb/duckdb-wasm/dist/duckdb-browser.mjs",
    external: ["apache-arrow"],
    raw: [
      "dist/duckdb-mvp.wasm",
      "dist/duckdb-browser-mvp.worker.js",
      "dist/duckdb-eh.wasm",
      "dist/duckdb-browser-eh.worker.js"
    ]
  },
  // FileAttachment#parquet; Framework asks for esm/parquet_wasm_bg.wasm by that path.
  {
    name: "parquet-wasm",
    entry: "parquet-wasm/esm/parquet_wasm.js",
    raw: ["esm/parquet_wasm_bg.wasm"],
    optional: {fallbackVersion: "0.6.1", reason: "FileAttachment(…).parquet() will not load in the browser"}
  }
];

/**
 * Libraries the client runtime imports lazily (stdlib/recommendedLibraries.js, sampleDatasets.js) and
 * whose version the build must resolve even when no page uses them: an empty version folder is enough.
 * A page that does use one makes the build fetch it, which fails offline: install and bundle it first.
 */
export const VERSION_ONLY_PACKAGES: Record<string, string> = {
  lodash: "4.17.21",
  arquero: "7.2.0",
  echarts: "5.6.0",
  leaflet: "1.9.4",
  "mapbox-gl": "3.9.4",
  react: "19.0.0",
  "react-dom": "19.0.0",
  "topojson-client": "3.1.0",
  "@observablehq/sample-datasets": "1.0.1"
};

/** `_npm/<name>@<version>` relative to the cache root. */
export function npmFolder(name: string, version: string): string {
  return posix.join("_npm", `${name}@${version}`);
}

/** The import specifier a bundle of `from` uses to reach the `_esm.js` of `to` (both `_npm/…` folders). */
export function relativeEsmImport(fromFolder: string, toFolder: string): string {
  const path = posix.relative(fromFolder, posix.join(toFolder, "_esm.js"));
  return path.startsWith(".") ? path : `./${path}`;
}
