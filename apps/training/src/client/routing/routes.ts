/**
 * Every page of the officer's journey as a typed value, with one parser and one printer so that a link
 * can never point at a path the router does not understand.
 */
/** The pages of assigning a module, in order. */
export type AssignStep = "module" | "job-role" | "unit" | "due-date" | "check";
const assignSteps = new Set<string>(["module", "job-role", "unit", "due-date", "check"]);

export type Route =
  | { name: "sign-in"; next?: string }
  | { name: "sign-out" }
  | { name: "change-password" }
  | { name: "reset-password" }
  | { name: "forgotten-password" }
  | { name: "accessibility" }
  | { name: "my-training" }
  | { name: "module"; moduleId: string }
  | { name: "lesson"; moduleId: string; lessonId: string }
  | { name: "practice-screening"; moduleId: string; lessonId: string; step?: string }
  | { name: "knowledge-check"; moduleId: string }
  | { name: "question"; moduleId: string; number: number; fromCheckAnswers?: true }
  | { name: "check-answers"; moduleId: string }
  | { name: "result"; moduleId: string; attemptId: string }
  | { name: "certificate"; certificateId: string }
  | { name: "certificate-lookup" }
  | { name: "certificate-check"; certificateId: string }
  | { name: "trainer-grid"; query?: string }
  | { name: "trainer-learner"; userId: string }
  | { name: "trainer-charts"; query?: string }
  | { name: "trainer-evidence" }
  | { name: "trainer-assignments" }
  | { name: "trainer-course-packages" }
  | { name: "trainer-content-changes" }
  | { name: "trainer-overview" }
  | { name: "trainer-assign"; step: AssignStep; fromCheck?: true }
  | { name: "admin-users"; query?: string }
  | { name: "admin-user-new" }
  | { name: "admin-user"; userId: string }
  | { name: "admin-units" }
  | { name: "admin-unit-new" }
  | { name: "admin-unit"; unitId: string }
  | { name: "admin-sso" }
  | { name: "admin-scim" }
  | { name: "admin-import"; kind: "people" | "completions" }
  | { name: "admin-jobs" }
  | { name: "admin-lrs" }
  | { name: "not-found"; path: string };

const segment = "([^/]+)";
const patterns: ReadonlyArray<[RegExp, (parts: string[], search: URLSearchParams) => Route]> = [
  [/^\/sign-in$/, (_, search) => signIn(search.get("next"))],
  [/^\/sign-out$/, () => ({ name: "sign-out" })],
  [/^\/account\/password$/, () => ({ name: "change-password" })],
  // The reset link's token rides in the fragment (never sent to a server); the page reads it itself.
  [/^\/reset-password$/, () => ({ name: "reset-password" })],
  [/^\/forgotten-password$/, () => ({ name: "forgotten-password" })],
  [/^\/accessibility$/, () => ({ name: "accessibility" })],
  [/^\/$/, () => ({ name: "my-training" })],
  [/^\/training$/, () => ({ name: "my-training" })],
  [new RegExp(`^/training/${segment}$`), ([moduleId = ""]) => ({ name: "module", moduleId })],
  [
    new RegExp(`^/training/${segment}/lessons/${segment}$`),
    ([moduleId = "", lessonId = ""]) => ({ name: "lesson", moduleId, lessonId }),
  ],
  [
    new RegExp(`^/training/${segment}/lessons/${segment}/practice-screening$`),
    ([moduleId = "", lessonId = ""]) => ({ name: "practice-screening", moduleId, lessonId }),
  ],
  // Each page of the practice screening has its own address, so Back, Forward and reload find it again.
  [
    new RegExp(`^/training/${segment}/lessons/${segment}/practice-screening/([a-z0-9-]{1,60})$`),
    ([moduleId = "", lessonId = "", step = ""]) => ({ name: "practice-screening", moduleId, lessonId, step }),
  ],
  [new RegExp(`^/training/${segment}/knowledge-check$`), ([moduleId = ""]) => ({ name: "knowledge-check", moduleId })],
  [
    new RegExp(`^/training/${segment}/knowledge-check/question-([1-9][0-9]{0,2})$`),
    ([moduleId = "", number = ""], search) =>
      search.get("change") === "yes"
        ? { name: "question", moduleId, number: Number(number), fromCheckAnswers: true }
        : { name: "question", moduleId, number: Number(number) },
  ],
  [
    new RegExp(`^/training/${segment}/knowledge-check/check-answers$`),
    ([moduleId = ""]) => ({ name: "check-answers", moduleId }),
  ],
  [
    new RegExp(`^/training/${segment}/knowledge-check/results/${segment}$`),
    ([moduleId = "", attemptId = ""]) => ({ name: "result", moduleId, attemptId }),
  ],
  [new RegExp(`^/certificates/${segment}$`), ([certificateId = ""]) => ({ name: "certificate", certificateId })],
  [/^\/check-a-certificate$/, () => ({ name: "certificate-lookup" })],
  [
    new RegExp(`^/check-a-certificate/${segment}$`),
    ([certificateId = ""]) => ({ name: "certificate-check", certificateId }),
  ],
  [
    /^\/trainer$/,
    (_, search) =>
      search.toString() === "" ? { name: "trainer-grid" } : { name: "trainer-grid", query: search.toString() },
  ],
  [
    /^\/trainer\/charts$/,
    (_, search) =>
      search.toString() === "" ? { name: "trainer-charts" } : { name: "trainer-charts", query: search.toString() },
  ],
  [/^\/trainer\/evidence$/, () => ({ name: "trainer-evidence" })],
  [/^\/trainer\/assignments$/, () => ({ name: "trainer-assignments" })],
  [/^\/trainer\/course-packages$/, () => ({ name: "trainer-course-packages" })],
  [/^\/trainer\/content-changes$/, () => ({ name: "trainer-content-changes" })],
  [/^\/trainer\/overview$/, () => ({ name: "trainer-overview" })],
  [
    new RegExp(`^/trainer/assignments/new/${segment}$`),
    ([step = ""], search) =>
      !assignSteps.has(step)
        ? { name: "not-found", path: `/trainer/assignments/new/${step}` }
        : search.get("change") === "yes" && step !== "check"
          ? { name: "trainer-assign", step: step as AssignStep, fromCheck: true }
          : { name: "trainer-assign", step: step as AssignStep },
  ],
  [new RegExp(`^/trainer/learners/${segment}$`), ([userId = ""]) => ({ name: "trainer-learner", userId })],
  [/^\/admin$/, () => ({ name: "admin-users" })],
  [
    /^\/admin\/users$/,
    (_, search) =>
      search.toString() === "" ? { name: "admin-users" } : { name: "admin-users", query: search.toString() },
  ],
  [/^\/admin\/users\/new$/, () => ({ name: "admin-user-new" })],
  [new RegExp(`^/admin/users/${segment}$`), ([userId = ""]) => ({ name: "admin-user", userId })],
  [/^\/admin\/units$/, () => ({ name: "admin-units" })],
  [/^\/admin\/units\/new$/, () => ({ name: "admin-unit-new" })],
  [new RegExp(`^/admin/units/${segment}$`), ([unitId = ""]) => ({ name: "admin-unit", unitId })],
  [/^\/admin\/single-sign-on$/, () => ({ name: "admin-sso" })],
  [/^\/admin\/user-provisioning$/, () => ({ name: "admin-scim" })],
  [/^\/admin\/imports\/people$/, () => ({ name: "admin-import", kind: "people" })],
  [/^\/admin\/imports\/completions$/, () => ({ name: "admin-import", kind: "completions" })],
  [/^\/admin\/jobs$/, () => ({ name: "admin-jobs" })],
  [/^\/admin\/lrs$/, () => ({ name: "admin-lrs" })],
];

/** Only same-site paths are accepted as a place to return to after signing in (no open redirect). */
function signIn(next: string | null): Route {
  return next !== null && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\")
    ? { name: "sign-in", next }
    : { name: "sign-in" };
}

/** Reads a location (path plus optional query) into a route; anything unknown is a not-found route. */
export function parseRoute(pathname: string, search = ""): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
  const params = new URLSearchParams(search);
  for (const [pattern, build] of patterns) {
    const match = pattern.exec(path);
    if (!match) continue;
    let parts: string[];
    try {
      parts = match.slice(1).map((part) => decodeURIComponent(part));
    } catch {
      // A malformed percent-escape is a path we do not have, not a crash.
      return { name: "not-found", path };
    }
    return build(parts, params);
  }
  return { name: "not-found", path };
}

const enc = encodeURIComponent;

/** Prints a route as the path a link points at. */
export function href(route: Route): string {
  switch (route.name) {
    case "sign-in":
      return route.next === undefined ? "/sign-in" : `/sign-in?${new URLSearchParams({ next: route.next }).toString()}`;
    case "sign-out":
      return "/sign-out";
    case "change-password":
      return "/account/password";
    case "reset-password":
      return "/reset-password";
    case "forgotten-password":
      return "/forgotten-password";
    case "accessibility":
      return "/accessibility";
    case "my-training":
      return "/training";
    case "module":
      return `/training/${enc(route.moduleId)}`;
    case "lesson":
      return `/training/${enc(route.moduleId)}/lessons/${enc(route.lessonId)}`;
    case "practice-screening":
      return `/training/${enc(route.moduleId)}/lessons/${enc(route.lessonId)}/practice-screening${route.step === undefined ? "" : `/${enc(route.step)}`}`;
    case "knowledge-check":
      return `/training/${enc(route.moduleId)}/knowledge-check`;
    case "question":
      return `/training/${enc(route.moduleId)}/knowledge-check/question-${route.number}${route.fromCheckAnswers ? "?change=yes" : ""}`;
    case "check-answers":
      return `/training/${enc(route.moduleId)}/knowledge-check/check-answers`;
    case "result":
      return `/training/${enc(route.moduleId)}/knowledge-check/results/${enc(route.attemptId)}`;
    case "certificate":
      return `/certificates/${enc(route.certificateId)}`;
    case "certificate-lookup":
      return "/check-a-certificate";
    case "certificate-check":
      return `/check-a-certificate/${enc(route.certificateId)}`;
    case "trainer-grid":
      return route.query === undefined || route.query === "" ? "/trainer" : `/trainer?${route.query}`;
    case "trainer-learner":
      return `/trainer/learners/${enc(route.userId)}`;
    case "trainer-evidence":
      return "/trainer/evidence";
    case "trainer-assignments":
      return "/trainer/assignments";
    case "trainer-course-packages":
      return "/trainer/course-packages";
    case "trainer-content-changes":
      return "/trainer/content-changes";
    case "trainer-overview":
      return "/trainer/overview";
    case "trainer-assign":
      return `/trainer/assignments/new/${route.step}${route.fromCheck ? "?change=yes" : ""}`;
    case "trainer-charts":
      return route.query === undefined || route.query === "" ? "/trainer/charts" : `/trainer/charts?${route.query}`;
    case "admin-users":
      return route.query === undefined || route.query === "" ? "/admin/users" : `/admin/users?${route.query}`;
    case "admin-user-new":
      return "/admin/users/new";
    case "admin-user":
      return `/admin/users/${enc(route.userId)}`;
    case "admin-units":
      return "/admin/units";
    case "admin-unit-new":
      return "/admin/units/new";
    case "admin-unit":
      return `/admin/units/${enc(route.unitId)}`;
    case "admin-sso":
      return "/admin/single-sign-on";
    case "admin-scim":
      return "/admin/user-provisioning";
    case "admin-import":
      return `/admin/imports/${route.kind}`;
    case "admin-jobs":
      return "/admin/jobs";
    case "admin-lrs":
      return "/admin/lrs";
    case "not-found":
      return route.path;
  }
}
