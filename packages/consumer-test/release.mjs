#!/usr/bin/env node
// `pnpm release` (after turbo has built and checked every package): packs each publishable package with
// `pnpm pack` into release/ at the repository root and lists the tarballs with their sizes. Those tarballs
// are what a force installs today (`pnpm add ./release/<file>.tgz`) and what `changeset publish` will
// publish to the registry.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { fromRoot, packAll, repoRoot } from "./lib/workspace.mjs";

const destination = join(repoRoot, "release");
rmSync(destination, { recursive: true, force: true });
const packed = packAll(destination);
console.log(`packed ${packed.length} packages into ${fromRoot(destination)}/`);
for (const { tarball, bytes } of packed)
  console.log(`  ${fromRoot(tarball).padEnd(60)} ${(bytes / 1024).toFixed(1).padStart(7)} KB`);
