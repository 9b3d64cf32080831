import {
  currentView,
  restoreScreening,
  persistScreening,
  screeningMachine,
  type Actor,
  type AnswerValue,
  type ScreeningEvent,
  type ScreeningSnapshotLike,
  type ScreeningView,
  type TaskId,
} from "@stalking-response/risk-screening";
import { transition, type Snapshot, type SnapshotFrom } from "xstate";

type MachineSnapshot = SnapshotFrom<typeof screeningMachine>;

const kebab = (id: string) => id.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/**
 * The address segment of the page a screening shows: `reported-as`, `risk-question-3`, `check-answers`,
 * `actions`, `actions-spo-decision`, `feedback`. Null before the screening starts (the briefing's page).
 * Step ids are data, so the addresses follow the machine and cannot drift from it.
 */
export function pageAddress(view: ScreeningView, openTask: TaskId | null): string | null {
  switch (view.kind) {
    case "start":
      return null;
    case "questions":
      return view.progress ? `risk-question-${view.progress.current}` : kebab(view.step);
    case "incidents":
      return "incidents";
    case "checkAnswers":
      return "check-answers";
    case "supervisorReview":
      return "supervisor-review";
    case "tasks":
      return openTask !== null && view.tasks.some((task) => task.id === openTask && task.status !== "cannotStartYet")
        ? `actions-${kebab(openTask)}`
        : "actions";
    case "outcome":
      return "feedback";
  }
}

/** The action an `actions-…` address opens, if it names one the actions page lists; else null. */
export function taskOfAddress(view: ScreeningView, address: string | undefined): TaskId | null {
  if (view.kind !== "tasks" || address === undefined || !address.startsWith("actions-")) return null;
  return (
    view.tasks.find((task) => `actions-${kebab(task.id)}` === address && task.status !== "cannotStartYet")?.id ?? null
  );
}

const pageOf = (snapshot: ScreeningSnapshotLike) => pageAddress(currentView(snapshot), null);
// The machine's longest path (about 40 pages) with room to spare; a walk never loops longer than this.
const longestWalk = 200;

/** The answers a page shows prefilled (those kept from before): Continue with them changes nothing. */
function keptAnswers(view: Extract<ScreeningView, { kind: "questions" }>): Record<string, AnswerValue> {
  const answers: Record<string, AnswerValue> = {};
  for (const question of view.questions) if (question.value !== undefined) answers[question.id] = question.value;
  return answers;
}

function walk(
  from: MachineSnapshot,
  target: string,
  next: (snapshot: MachineSnapshot) => ScreeningEvent | null,
): ScreeningEvent[] | null {
  let snapshot = from;
  const events: ScreeningEvent[] = [];
  for (let steps = 0; steps < longestWalk; steps += 1) {
    const page = pageOf(snapshot);
    if (page === target) return events;
    const event = next(snapshot);
    if (event === null) return null;
    const [after] = transition(screeningMachine, snapshot, event);
    if (after.context.lastRejection !== null || pageOf(after) === page) return null;
    events.push(event);
    snapshot = after;
  }
  return null;
}

/**
 * The events that take a screening to the page at `target` the way a person would: back through the
 * machine's own Back (answers are kept), or forward by pressing Continue on each page with the answers it
 * already holds. Never forward past check answers: sending for review, a supervisor's decision and the
 * actions are decisions, and the browser's Forward button must not take them. Null when the page cannot be
 * reached (after the screening was sent for review, or a page the answers no longer lead to). Pure: it tries
 * the events on copies of the snapshot, so a caller sends them only once they are known to work.
 */
export function eventsToReach(snapshot: MachineSnapshot, target: string, actor: Actor): ScreeningEvent[] | null {
  const back = walk(snapshot, target, () => ({ type: "step.back", actor }));
  if (back !== null) return back;
  return walk(snapshot, target, (current) => {
    const view = currentView(current);
    if (view.kind === "questions") return { type: "answer.submit", answers: keptAnswers(view), actor };
    if (view.kind === "incidents") return { type: "answer.submit", answers: {}, actor };
    return null;
  });
}

/**
 * Keeps a practice screening for this browser tab (sessionStorage), as the package's versioned persisted
 * snapshot: a reload restores it, and `restoreScreening` checks it field by field, so a damaged, tampered or
 * older entry reads as absent and the practice starts again. Nothing leaves the browser.
 */
export function practiceStore(key: string) {
  return {
    read(): Snapshot<unknown> | undefined {
      try {
        const raw = sessionStorage.getItem(key);
        if (raw === null) return undefined;
        const restored = restoreScreening(raw);
        return restored.ok ? restored.value : undefined;
      } catch {
        return undefined;
      }
    },
    keep(actor: { getPersistedSnapshot(): Snapshot<unknown> }) {
      try {
        sessionStorage.setItem(key, JSON.stringify(persistScreening(actor)));
      } catch {
        // Storage refused (private browsing, full): the practice lasts until the tab reloads.
      }
    },
    forget() {
      try {
        sessionStorage.removeItem(key);
      } catch {
        // Nothing was stored.
      }
    },
  };
}
