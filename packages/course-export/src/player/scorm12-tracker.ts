import { TrackingError, type AttemptResult, type SessionStart, type Tracker } from "./tracker";

/** The SCORM 1.2 run-time API an LMS puts on a parent or opener window as `API`. */
interface Scorm12Api {
  LMSInitialize(parameter: ""): string;
  LMSFinish(parameter: ""): string;
  LMSGetValue(element: string): string;
  LMSSetValue(element: string, value: string): string;
  LMSCommit(parameter: ""): string;
  LMSGetLastError(): string | number;
  LMSGetErrorString(code: string | number): string;
}

type WithApi = Window & { API?: Scorm12Api };

/** SCORM 1.2 finds the API by walking up the frames, then the opener's frames (RTE 3.3.6.1). */
export function findScorm12Api(start: Window): Scorm12Api | null {
  const climb = (from: Window): Scorm12Api | null => {
    let current: Window = from;
    for (let depth = 0; depth < 10; depth += 1) {
      try {
        const api = (current as WithApi).API;
        if (api && typeof api.LMSInitialize === "function") return api;
      } catch {
        return null; // a cross-origin frame: the API cannot be above it
      }
      if (current.parent === current) return null;
      current = current.parent;
    }
    return null;
  };
  return climb(start) ?? (start.opener ? climb(start.opener as Window) : null);
}

/** A SCORM 1.2 CMITimespan: HHHH:MM:SS.SS. */
export function scorm12Timespan(milliseconds: number): string {
  const centiseconds = Math.max(0, Math.round(milliseconds / 10));
  const hours = Math.min(9999, Math.floor(centiseconds / 360_000));
  const minutes = Math.floor((centiseconds % 360_000) / 6000);
  const seconds = (centiseconds % 6000) / 100;
  const pad = (value: number, width: number) => String(value).padStart(width, "0");
  return `${pad(hours, 4)}:${pad(minutes, 2)}:${seconds.toFixed(2).padStart(5, "0")}`;
}

/** Records the module in a SCORM 1.2 LMS. */
export function scorm12Tracker(api: Scorm12Api, now: () => number = Date.now): Tracker {
  let startedAt = now();
  let passed = false;
  const check = (ok: string, what: string) => {
    if (ok === "true") return;
    const code = api.LMSGetLastError();
    throw new TrackingError(
      `The learning platform refused ${what} (SCORM error ${code}: ${api.LMSGetErrorString(code)}).`,
    );
  };
  const set = (element: string, value: string) => check(api.LMSSetValue(element, value), element);
  const commit = () => check(api.LMSCommit(""), "to save progress");
  return {
    name: "SCORM 1.2",
    start() {
      check(api.LMSInitialize(""), "to start the session");
      startedAt = now();
      const status = api.LMSGetValue("cmi.core.lesson_status");
      passed = status === "passed";
      const mode = api.LMSGetValue("cmi.core.lesson_mode");
      if (status === "not attempted" || status === "") {
        set("cmi.core.lesson_status", "incomplete");
        commit();
      }
      const session: SessionStart = {
        progress: api.LMSGetValue("cmi.suspend_data") || null,
        location: api.LMSGetValue("cmi.core.lesson_location") || null,
        recordsResults: mode !== "browse" && mode !== "review",
      };
      return Promise.resolve(session);
    },
    save(progress, location) {
      set("cmi.suspend_data", progress);
      set("cmi.core.lesson_location", location);
      commit();
      return Promise.resolve();
    },
    completed() {
      return Promise.resolve();
    },
    result(result: AttemptResult) {
      if (passed) return Promise.resolve(); // a pass is final: a later attempt never turns it into a fail
      set("cmi.core.score.min", "0");
      set("cmi.core.score.max", "100");
      set("cmi.core.score.raw", String(result.percent));
      set("cmi.core.lesson_status", result.passed ? "passed" : "failed");
      passed = result.passed;
      commit();
      return Promise.resolve();
    },
    finish() {
      set("cmi.core.session_time", scorm12Timespan(now() - startedAt));
      // "suspend" asks the LMS to keep suspend_data for the next session; a passed module is finished.
      set("cmi.core.exit", passed ? "" : "suspend");
      check(api.LMSFinish(""), "to end the session");
      return Promise.resolve({});
    },
  };
}
