import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp } from "../support/app";
import type { TestApp } from "../support/app";
import { databaseTargets } from "../support/databases";

// turbo builds the client before the app's tests run; this serves what the server will ship.
const client = fileURLToPath(new URL("../../dist/client", import.meta.url));
const entry = /src="\/assets\/(index-[^"]+\.js)"/.exec(readFileSync(`${client}/index.html`, "utf8"))?.[1] ?? "";

describe("delivering the client and the API", () => {
  let t: TestApp;
  // Static delivery does not touch the database: PGlite is enough.
  beforeAll(async () => {
    const [pglite] = databaseTargets;
    if (!pglite) throw new Error("no database target");
    t = await startTestApp(pglite);
  }, 120_000);
  afterAll(() => t?.close());

  it("sends hashed assets brotli- or gzip-compressed, kept for a year as immutable", async () => {
    expect(entry).not.toBe("");
    const original = readFileSync(`${client}/assets/${entry}`);
    for (const [accept, encoding, decode] of [
      ["br, gzip", "br", brotliDecompressSync],
      ["gzip", "gzip", gunzipSync],
    ] as const) {
      const response = await t.app.inject({ url: `/assets/${entry}`, headers: { "accept-encoding": accept } });
      expect(response.statusCode).toBe(200);
      expect(response.headers["content-encoding"]).toBe(encoding);
      expect(response.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
      expect(response.headers.vary).toMatch(/accept-encoding/i);
      expect(response.headers["content-type"]).toMatch(/javascript/);
      expect(decode(response.rawPayload).equals(original)).toBe(true);
      expect(response.rawPayload.length).toBeLessThan(original.length / 2);
    }
    const plain = await t.app.inject({ url: `/assets/${entry}`, headers: { "accept-encoding": "identity" } });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.rawPayload.equals(original)).toBe(true);
  });

  it("never stores the page, at its own address or as any client-side route", async () => {
    for (const url of ["/", "/index.html", "/training", "/check-a-certificate/SRT-7K2M-9QXD-4H3P"]) {
      const response = await t.app.inject({ url, headers: { "accept-encoding": "br" } });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers["cache-control"], url).toBe("no-store");
      expect(response.headers["content-type"], url).toMatch(/text\/html/);
    }
  });

  it("compresses API answers over a kilobyte and stores none of them", async () => {
    const big = await t.app.inject({ url: "/api/openapi.json", headers: { "accept-encoding": "br" } });
    expect(big.headers["content-encoding"]).toBe("br");
    expect(big.headers["cache-control"]).toBe("no-store");
    expect(JSON.parse(brotliDecompressSync(big.rawPayload).toString("utf8"))).toHaveProperty("openapi");
    const small = await t.app.inject({ url: "/api/session", headers: { "accept-encoding": "br, gzip" } });
    expect(small.headers["content-encoding"]).toBeUndefined();
    expect(small.headers["cache-control"]).toBe("no-store");
  });

  it("has a compressed copy of every script and style the build wrote", () => {
    const assets = readdirSync(`${client}/assets`);
    const served = assets.filter((name) => /\.(js|css)$/.test(name));
    expect(served.length).toBeGreaterThan(0);
    for (const name of served) {
      expect(assets, name).toContain(`${name}.br`);
      expect(assets, name).toContain(`${name}.gz`);
    }
  });
});
