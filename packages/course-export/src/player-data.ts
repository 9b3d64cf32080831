import type { Module, Source } from "@stalking-response/curriculum";

/** The run-time a page talks to. */
export type Standard = "scorm12" | "cmi5";

/**
 * Everything the in-package player needs, embedded in each module's page as JSON (no fetch: a SCO must run
 * offline from the zip). It necessarily includes the answer key: there is no server in a SCORM package to mark on.
 */
export interface PlayerData {
  readonly standard: Standard;
  readonly courseTitle: string;
  readonly module: Module;
  readonly sources: readonly Source[];
  readonly localPolicyForce?: string | undefined;
}

/** The id of the `<script type="application/json">` element that carries {@link PlayerData}. */
export const playerDataElementId = "srt-player-data";
