// A tiny static file server for the built web app (dist/), on loopback only.
//
//   import { startServer } from "./server.mjs";
//   const server = await startServer({ root: "dist", port: 0 });  // port 0: any free port
//   server.url; server.requests; await server.close();
//
// Options for deployment tests: `prefix` serves the folder under a sub-path ("/tools/budget-lint/";
// anything outside it is 404, as on a shared government site), `headers` adds response headers
// (a Content-Security-Policy), `cors` adds Access-Control-Allow-Origin: *, and `transform(file,
// body)` may rewrite a file's bytes as they are served.
//
// Like nginx's `gzip_static on`, a request that accepts gzip gets `FILE.gz` when the build made one
// (scripts/finish-dist.mjs), with Content-Encoding: gzip (unless `transform` rewrites the file).
//
// or from the shell (scripts/serve does this):
//   node tests/browser/server.mjs [--root dist] [--port 8080] [--host 127.0.0.1]
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".map": "application/json; charset=utf-8",
};

export function startServer({
  root,
  port = 0,
  host = "127.0.0.1",
  log = false,
  prefix = "/",
  headers = {},
  cors = false,
  transform = null,
} = {}) {
  const base = path.resolve(root);
  const requests = [];
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method, url: req.url });
    let status = 200;
    let file;
    try {
      const pathname = decodeURIComponent(new URL(req.url, "http://x").pathname);
      if (!pathname.startsWith(prefix)) throw new Error("outside the prefix");
      file = path.resolve(base, "./" + pathname.slice(prefix.length));
      if (file !== base && !file.startsWith(base + path.sep)) status = 403;
      else if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    } catch {
      status = 404;
    }
    if (status === 200 && !(req.method === "GET" || req.method === "HEAD")) status = 405;
    if (status === 200 && !fs.existsSync(file)) status = 404;
    if (log) console.log(`${status} ${req.method} ${req.url}`);
    if (status !== 200) {
      res.writeHead(status, { "content-type": "text/plain; charset=utf-8" });
      res.end(`${status}\n`);
      return;
    }
    let body = fs.readFileSync(file);
    const gzipped = !transform && /\bgzip\b/.test(req.headers["accept-encoding"] ?? "") && fs.existsSync(`${file}.gz`);
    if (gzipped) body = fs.readFileSync(`${file}.gz`);
    if (transform) body = Buffer.from(transform(path.relative(base, file), body));
    res.writeHead(200, {
      "content-type": TYPES[path.extname(file)] ?? "application/octet-stream",
      ...(gzipped ? { "content-encoding": "gzip" } : {}),
      vary: "accept-encoding",
      "content-length": body.length,
      "cache-control": "no-store",
      ...(cors ? { "access-control-allow-origin": "*" } : {}),
      ...headers,
    });
    res.end(req.method === "HEAD" ? undefined : body);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      resolve({
        url: `http://${host}:${actual}${prefix}`,
        origin: `http://${host}:${actual}`,
        requests,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
}

// Command line use.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
  };
  const root = opt("--root", "dist");
  if (!fs.existsSync(path.join(root, "index.html"))) {
    console.error(`server: ${path.resolve(root)}/index.html not found (build first: trunk build --release)`);
    process.exit(1);
  }
  const port = Number(opt("--port", "8080"));
  const host = opt("--host", "127.0.0.1");
  let server;
  try {
    server = await startServer({ root, port, host, log: args.includes("--log") });
  } catch (err) {
    console.error(`server: cannot listen on ${host}:${port}: ${err.code ?? err.message} (another port: PORT=8081 scripts/serve)`);
    process.exit(1);
  }
  console.log(`Serving ${path.resolve(root)} on ${server.url}  (Ctrl-C stops)`);
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
