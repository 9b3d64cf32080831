import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The player's built files, shared by every module of a package. */
export interface PlayerAssets {
  readonly "player.js": Uint8Array;
  readonly "player.css": Uint8Array;
}

// The same relative path works from src/ (tests, tsx) and from dist/ (the published build).
const playerDir = fileURLToPath(new URL("../dist/player/", import.meta.url));

/** Reads the bundled player; a clear error when the package has not been built. */
export function readPlayerAssets(): { ok: true; value: PlayerAssets } | { ok: false; message: string } {
  const js = `${playerDir}player.js`;
  const css = `${playerDir}player.css`;
  if (!existsSync(js) || !existsSync(css)) {
    return {
      ok: false,
      message: `the player is not built (looked in ${playerDir}); run \`pnpm --filter @stalking-response/course-export build\``,
    };
  }
  return { ok: true, value: { "player.js": readFileSync(js), "player.css": readFileSync(css) } };
}
