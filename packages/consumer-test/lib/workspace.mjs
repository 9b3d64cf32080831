// What the consumer test and the release script share: the publishable packages, packed exactly as they
// would be published (pnpm applies publishConfig and turns workspace: ranges into versions).
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository's root folder. */
export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

/**
 * Every package under packages/ that is published (not `private`), in data-flow order as listed.
 * @returns {{ name: string, version: string, dir: string, manifest: Record<string, any> }[]}
 */
export function publishablePackages() {
  const packagesDir = join(repoRoot, "packages");
  return readdirSync(packagesDir)
    .map((folder) => join(packagesDir, folder))
    .filter((dir) => statSync(join(dir, "package.json"), { throwIfNoEntry: false }))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) }))
    .filter(({ manifest }) => !manifest.private)
    .map(({ dir, manifest }) => ({ name: manifest.name, version: manifest.version, dir, manifest }));
}

/**
 * Packs every publishable package into `destination` with `pnpm pack` (the packages must be built).
 * @param {string} destination
 * @returns {{ name: string, tarball: string, bytes: number }[]}
 */
export function packAll(destination) {
  mkdirSync(destination, { recursive: true });
  return publishablePackages().map(({ name, dir }) => {
    const before = new Set(readdirSync(destination));
    execFileSync("pnpm", ["pack", "--pack-destination", destination], {
      cwd: dir,
      stdio: ["ignore", "ignore", "inherit"],
    });
    const written = readdirSync(destination).find((file) => file.endsWith(".tgz") && !before.has(file));
    // Repacking an unchanged version overwrites the same file name.
    const tarball = join(destination, written ?? tarballName(name, dir));
    return { name, tarball, bytes: statSync(tarball).size };
  });
}

function tarballName(name, dir) {
  const { version } = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  return `${name.replace(/^@/, "").replace("/", "-")}-${version}.tgz`;
}

/** A path relative to the repository root, for messages. */
export const fromRoot = (path) => relative(repoRoot, path);
