import { TrackingError, type AttemptResult, type SessionStart, type Tracker } from "./tracker";

/** The launch parameters an LMS appends to an AU's URL (cmi5 8.1). */
export interface Cmi5Launch {
  readonly endpoint: string;
  readonly fetch: string;
  readonly actor: Record<string, unknown>;
  readonly registration: string;
  readonly activityId: string;
}

/** cmi5 verbs and context ids (cmi5 9.3, 9.6). */
export const cmi5 = {
  verbs: {
    initialized: "http://adlnet.gov/expapi/verbs/initialized",
    completed: "http://adlnet.gov/expapi/verbs/completed",
    passed: "http://adlnet.gov/expapi/verbs/passed",
    failed: "http://adlnet.gov/expapi/verbs/failed",
    terminated: "http://adlnet.gov/expapi/verbs/terminated",
  },
  categoryCmi5: "https://w3id.org/xapi/cmi5/context/categories/cmi5",
  categoryMoveOn: "https://w3id.org/xapi/cmi5/context/categories/moveon",
  masteryScoreExtension: "https://w3id.org/xapi/cmi5/context/extensions/masteryscore",
  launchDataStateId: "LMS.LaunchData",
  /** The AU's own State document, where it keeps the learner's place between sessions. */
  progressStateId: "https://w3id.org/xapi/cmi5/extensions/stalking-response-toolkit/progress",
} as const;

type Verb = keyof typeof cmi5.verbs;

/** Reads the launch parameters; `null` when the page was not launched by a cmi5 LMS. */
export function readCmi5Launch(search: string): Cmi5Launch | null {
  const params = new URLSearchParams(search);
  const endpoint = params.get("endpoint");
  const fetchUrl = params.get("fetch");
  const actor = params.get("actor");
  const registration = params.get("registration");
  const activityId = params.get("activityId");
  if (!endpoint || !fetchUrl || !actor || !registration || !activityId) return null;
  try {
    const parsed: unknown = JSON.parse(actor);
    if (typeof parsed !== "object" || parsed === null) return null;
    return {
      endpoint: endpoint.endsWith("/") ? endpoint : `${endpoint}/`,
      fetch: fetchUrl,
      actor: parsed as Record<string, unknown>,
      registration,
      activityId,
    };
  } catch {
    return null;
  }
}

/** An ISO 8601 duration with seconds to the hundredth, as xAPI asks (PT1H2M3.45S is fine; PT3723.45S too). */
export function isoDuration(milliseconds: number): string {
  return `PT${(Math.max(0, Math.round(milliseconds / 10)) / 100).toFixed(2)}S`;
}

/** The AU's saved place: the player's progress record and the page, as one State document. */
function readPlace(text: string): { progress: string | null; location: string | null; passed: boolean } {
  try {
    const place = JSON.parse(text) as { progress?: unknown; location?: unknown };
    const progress = typeof place.progress === "string" ? place.progress : null;
    const passed = progress !== null && (JSON.parse(progress) as { p?: unknown }).p === true;
    return { progress, location: typeof place.location === "string" ? place.location : null, passed };
  } catch {
    return { progress: null, location: null, passed: false };
  }
}

interface LaunchData {
  contextTemplate: {
    contextActivities?: Record<string, { id: string }[]>;
    extensions?: Record<string, unknown>;
    [key: string]: unknown;
  };
  launchMode: "Normal" | "Browse" | "Review";
  masteryScore?: number;
  moveOn?: string;
  returnURL?: string;
}

/** Records the module in a cmi5 LMS, following the launch sequence of cmi5 8.1–8.2 and the statement rules of 9. */
export function cmi5Tracker(launch: Cmi5Launch, http: typeof fetch = fetch, now: () => number = Date.now): Tracker {
  let token = "";
  let launchData: LaunchData | undefined;
  let initializedAt = now();
  let terminated = false;
  let failedThisSession = false;
  let passedInRegistration = false;
  let completedInRegistration = false;

  const headers = (json: boolean): Record<string, string> => ({
    Authorization: `Basic ${token}`,
    "X-Experience-API-Version": "1.0.3",
    ...(json ? { "Content-Type": "application/json" } : {}),
  });
  const stateUrl = (stateId: string) => {
    const query = new URLSearchParams({
      activityId: launch.activityId,
      agent: JSON.stringify(launch.actor),
      registration: launch.registration,
      stateId,
    });
    return `${launch.endpoint}activities/state?${query.toString()}`;
  };
  const refuse = (what: string, status: number) =>
    new TrackingError(`The learning platform refused ${what} (HTTP ${status}). Your progress may not be recorded.`);

  async function send(verb: Verb, result?: Record<string, unknown>, keepalive = false): Promise<void> {
    if (!launchData) throw new TrackingError("The session has not started.");
    const template = launchData.contextTemplate;
    const contextActivities = { ...(template.contextActivities ?? {}) };
    const moveOn = result !== undefined && ("success" in result || "completion" in result);
    contextActivities.category = [
      ...(contextActivities.category ?? []),
      { id: cmi5.categoryCmi5 },
      ...(moveOn ? [{ id: cmi5.categoryMoveOn }] : []),
    ];
    const extensions = { ...(template.extensions ?? {}) };
    if ((verb === "passed" || verb === "failed") && launchData.masteryScore !== undefined) {
      extensions[cmi5.masteryScoreExtension] = launchData.masteryScore;
    }
    const statement = {
      id: crypto.randomUUID(),
      timestamp: new Date(now()).toISOString(),
      actor: launch.actor,
      verb: { id: cmi5.verbs[verb], display: { "en-GB": verb } },
      object: { id: launch.activityId, objectType: "Activity" },
      ...(result === undefined ? {} : { result }),
      context: { ...template, registration: launch.registration, contextActivities, extensions },
    };
    const response = await http(`${launch.endpoint}statements`, {
      method: "POST",
      headers: headers(true),
      body: JSON.stringify(statement),
      keepalive,
    });
    if (!response.ok) throw refuse(`the "${verb}" statement`, response.status);
  }

  const recordsResults = () => launchData?.launchMode === "Normal";

  return {
    name: "cmi5",
    async start(): Promise<SessionStart> {
      const tokenResponse = await http(launch.fetch, { method: "POST" });
      const body = (await tokenResponse.json().catch(() => ({}))) as Record<string, unknown>;
      if (!tokenResponse.ok || typeof body["auth-token"] !== "string") {
        throw new TrackingError(
          `The learning platform did not give this module its access token (${typeof body["error-text"] === "string" ? body["error-text"] : `HTTP ${tokenResponse.status}`}). Relaunch it from the platform.`,
        );
      }
      token = body["auth-token"];
      const launchResponse = await http(stateUrl(cmi5.launchDataStateId), { headers: headers(false) });
      if (!launchResponse.ok) throw refuse("to give the launch data", launchResponse.status);
      launchData = (await launchResponse.json()) as LaunchData;
      const saved = await http(stateUrl(cmi5.progressStateId), { headers: headers(false) });
      if (!saved.ok && saved.status !== 404) throw refuse("to give your saved place", saved.status);
      const place = saved.ok ? readPlace(await saved.text()) : { progress: null, location: null, passed: false };
      passedInRegistration = place.passed;
      initializedAt = now();
      await send("initialized");
      return {
        progress: place.progress,
        location: place.location,
        recordsResults: recordsResults(),
        masteryScore: launchData.masteryScore,
      };
    },
    async save(progress, location) {
      if (terminated) return;
      const response = await http(stateUrl(cmi5.progressStateId), {
        method: "PUT",
        headers: headers(true),
        body: JSON.stringify({ progress, location }),
      });
      if (!response.ok) throw refuse("to save your place", response.status);
    },
    async completed() {
      // "completed" is sent once per registration (cmi5 9.3.3); the player tells us only on the first time.
      if (terminated || !recordsResults() || completedInRegistration) return;
      completedInRegistration = true;
      await send("completed", { completion: true, duration: isoDuration(now() - initializedAt) });
    },
    async result(result: AttemptResult) {
      if (terminated || !recordsResults() || passedInRegistration) return;
      if (!result.passed && failedThisSession) return;
      const score = { scaled: result.correctCount / result.questionCount, raw: result.percent, min: 0, max: 100 };
      const duration = isoDuration(now() - initializedAt);
      if (result.passed) {
        passedInRegistration = true;
        await send("passed", { success: true, score, duration });
      } else {
        failedThisSession = true;
        await send("failed", { success: false, score, duration });
      }
    },
    async finish(unloading) {
      if (terminated || !launchData) return {};
      terminated = true;
      await send("terminated", { duration: isoDuration(now() - initializedAt) }, unloading);
      return { returnUrl: launchData.returnURL };
    },
  };
}
