#!/usr/bin/env node
// Packs the package in the current directory exactly as it would be published (pnpm applies
// publishConfig and rewrites workspace: ranges), then runs publint and attw on that tarball.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const bin = (name) => fileURLToPath(new URL(`node_modules/.bin/${name}`, import.meta.url));

const out = mkdtempSync(join(tmpdir(), "check-package-"));
try {
  execFileSync("pnpm", ["pack", "--pack-destination", out], { stdio: ["ignore", "ignore", "inherit"] });
  const tarball = readdirSync(out).find((file) => file.endsWith(".tgz"));
  if (!tarball) throw new Error(`pnpm pack wrote no tarball to ${out}`);
  const path = join(out, tarball);
  console.log(`publint + attw: ${tarball}`);
  execFileSync(bin("publint"), ["run", path, "--strict"], { stdio: "inherit" });
  execFileSync(bin("attw"), [path, "--format", "table-flipped"], { stdio: "inherit" });
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  rmSync(out, { recursive: true, force: true });
}
