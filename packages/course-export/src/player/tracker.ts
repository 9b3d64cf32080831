/** What the run-time told the player when the session started. */
export interface SessionStart {
  /** The saved progress record, if any. */
  readonly progress: string | null;
  /** The page the learner was on. */
  readonly location: string | null;
  /** `false` in a browse or review launch: results must not be recorded. */
  readonly recordsResults: boolean;
  /** The pass mark as a fraction, when the run-time sets one (cmi5 `masteryScore`). */
  readonly masteryScore?: number | undefined;
}

/** The marks of an attempt as the run-times record them. */
export interface AttemptResult {
  readonly correctCount: number;
  readonly questionCount: number;
  readonly percent: number;
  readonly passed: boolean;
}

/**
 * The player's view of a learning platform: SCORM 1.2 through `window.API`, cmi5 through xAPI. The player decides
 * what happened; a tracker only records it.
 */
export interface Tracker {
  /** "SCORM 1.2" or "cmi5", shown to the learner. */
  readonly name: string;
  start(): Promise<SessionStart>;
  save(progress: string, location: string): Promise<void>;
  /** Every lesson has been opened (cmi5 `completed`; SCORM 1.2 has no separate completion once scored). */
  completed(): Promise<void>;
  result(result: AttemptResult): Promise<void>;
  /** Ends the session. `unloading` when the page is going away and only a last, best-effort call is possible. */
  finish(unloading: boolean): Promise<{ returnUrl?: string | undefined }>;
}

/** Thrown by a tracker when the run-time refused a call; the message is written for the learner. */
export class TrackingError extends Error {
  override readonly name = "TrackingError";
}
