// Serves a built site (dist/) on localhost like a static host, with Framework's clean URLs.
//   tsx scripts/serve.ts [dir] [--port 3000]
import {existsSync} from "node:fs";
import {readFile, stat} from "node:fs/promises";
import {createServer, type Server} from "node:http";
import {extname, join, normalize, resolve, sep} from "node:path";
import {fileURLToPath} from "node:url";

const MIME_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".arrow": "application/vnd.apache.arrow.file",
  ".parquet": "application/vnd.apache.parquet",
  ".csv": "text/csv; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".txt": "text/plain; charset=utf-8"
};

export type StaticServer = {origin: string; close: () => Promise<void>};

/** Serves `root` like a static host with Framework's clean URLs (/explore → explore.html). */
export async function serveStatic(root: string, port = 0): Promise<StaticServer> {
  const base = resolve(root);
  const server: Server = createServer(async (request, response) => {
    try {
      const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
      const file = await findFile(base, pathname);
      if (!file) {
        const notFound = join(base, "404.html");
        response.writeHead(404, {"content-type": MIME_TYPES[".html"]!});
        response.end(existsSync(notFound) ? await readFile(notFound) : "not found");
        return;
      }
      response.writeHead(200, {"content-type": MIME_TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-store"});
      response.end(request.method === "HEAD" ? undefined : await readFile(file));
    } catch (error) {
      response.writeHead(500, {"content-type": "text/plain"});
      response.end(String(error));
    }
  });
  await new Promise<void>((resolvePromise) => server.listen(port, "127.0.0.1", resolvePromise));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("static server has no port");
  return {
    origin: `http://127.0.0.1:${address.port}`,
    close: () => new Promise((resolvePromise) => server.close(() => resolvePromise()))
  };
}

async function findFile(base: string, pathname: string): Promise<string | undefined> {
  const path = normalize(join(base, pathname));
  if (path !== base && !path.startsWith(base + sep)) return undefined;
  const candidates = pathname.endsWith("/") ? [join(path, "index.html")] : [path, `${path}.html`, join(path, "index.html")];
  for (const candidate of candidates) {
    const info = await stat(candidate).catch(() => undefined);
    if (info?.isFile()) return candidate;
  }
  return undefined;
}


if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const portAt = args.indexOf("--port");
  const port = portAt >= 0 ? Number(args[portAt + 1]) : 3000;
  const dir = args.find((a, i) => !a.startsWith("--") && args[i - 1] !== "--port") ?? "dist";
  const {origin} = await serveStatic(dir, port);
  console.log(`报告网站已启动：${origin}/ （按 Ctrl+C 停止）`);
}
