// Preload (node --import) that refuses every connection to a non-loopback host and records the
// attempt, as one JSON line, in $JIXIAO_NETWORK_LOG. Passed through NODE_OPTIONS, it also covers
// the processes the build starts (Framework data loaders under tsx).
import dns from "node:dns";
import {appendFileSync} from "node:fs";
import net from "node:net";

const logPath = process.env.JIXIAO_NETWORK_LOG;

function isLoopback(host) {
  if (host == null || host === "") return true;
  const h = String(host).replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h === "::1" || h === "0:0:0:0:0:0:0:1" || /^127\./.test(h) || h === "::ffff:127.0.0.1";
}

function refuse(kind, target) {
  if (logPath) {
    const entry = {pid: process.pid, kind, target, script: process.argv[1] ?? null};
    appendFileSync(logPath, `${JSON.stringify(entry)}\n`);
  }
  const error = new Error(`network access refused (offline build): ${kind} ${target}`);
  error.code = "ENETUNREACH";
  return error;
}

/** Host and whether the target is a local socket, from any of Socket#connect's call shapes. */
function connectTarget(args) {
  let first = args[0];
  if (Array.isArray(first)) first = first[0]; // internal normalized form: [options, callback]
  if (first && typeof first === "object") {
    if (first.path) return {local: true};
    return {host: first.host ?? "localhost", port: first.port};
  }
  if (typeof first === "string" && !/^\d+$/.test(first)) return {local: true}; // pipe path
  return {host: typeof args[1] === "string" ? args[1] : "localhost", port: first};
}

const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function connect(...args) {
  const target = connectTarget(args);
  if (!target.local && !isLoopback(target.host)) {
    const error = refuse("connect", `${target.host}:${target.port}`);
    process.nextTick(() => this.destroy(error));
    return this;
  }
  return originalConnect.apply(this, args);
};

const originalLookup = dns.lookup;
dns.lookup = function lookup(hostname, options, callback) {
  const cb = typeof options === "function" ? options : callback;
  if (!isLoopback(hostname)) {
    const error = refuse("dns", hostname);
    error.code = "ENOTFOUND";
    process.nextTick(() => cb(error));
    return {};
  }
  return originalLookup.call(this, hostname, options, callback);
};

const originalPromisesLookup = dns.promises.lookup;
dns.promises.lookup = async function lookup(hostname, options) {
  if (!isLoopback(hostname)) {
    const error = refuse("dns", hostname);
    error.code = "ENOTFOUND";
    throw error;
  }
  return originalPromisesLookup.call(this, hostname, options);
};

if (typeof globalThis.fetch === "function") {
  const originalFetch = globalThis.fetch;
  globalThis.fetch = async function fetch(input, init) {
    const href = typeof input === "string" ? input : input instanceof URL ? input.href : input?.url;
    let url;
    try {
      url = new URL(href);
    } catch {
      return originalFetch(input, init);
    }
    if ((url.protocol === "http:" || url.protocol === "https:") && !isLoopback(url.hostname)) {
      throw new TypeError("fetch failed", {cause: refuse("fetch", url.href)});
    }
    return originalFetch(input, init);
  };
}
