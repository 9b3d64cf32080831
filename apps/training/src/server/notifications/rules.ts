/**
 * When a learner is told what: the reminder rules as pure functions of one learner's assigned module on one
 * day. The scan (scan.ts) feeds them a row per learner × assigned module and stores what they return under
 * its dedupe key, so running them again on the same day, or on a later day inside the same window, adds
 * nothing: the key names the person, the notification and the due period it is about.
 */
import { z } from "zod";

/** Days before a due date on which a learner is reminded. */
export const DUE_REMINDER_DAYS = [14, 3] as const;
/** Days before a certificate expires on which its holder is reminded to renew. */
export const RENEWAL_REMINDER_DAYS = [60, 14] as const;
/** Overdue (and expired) reminders come weekly for this many weeks after the due date; the trainer's digest carries on. */
export const OVERDUE_REMINDER_WEEKS = 4;
/** A certificate is announced if the scan first sees it within this many days of its issue. */
export const CERTIFICATE_NOTICE_DAYS = 7;

export const NoticeKindSchema = z.enum([
  "assigned",
  "due-14",
  "due-3",
  "overdue",
  "renewal-60",
  "renewal-14",
  "expired",
  "content-changed",
  "certificate-issued",
  "digest",
]);
export type NoticeKind = z.infer<typeof NoticeKindSchema>;

/**
 * Mandatory messages concern training a person must hold: they cannot be switched off, only batched daily.
 * A certificate notice and a trainer's digest are optional.
 */
export const isMandatory = (kind: NoticeKind): boolean => kind !== "certificate-issued" && kind !== "digest";

/** One learner's assigned module as the scan reads it. Dates are `YYYY-MM-DD` (UTC days), instants are Dates. */
export interface AssignedModule {
  userId: string;
  moduleId: string;
  /** The earliest due date of the assignments covering the learner. */
  assignedDue: string;
  /** When the first assignment covering the learner with a due date was made. */
  assignedAt: Date;
  completedAt: Date | null;
  expiresAt: Date | null;
  certificateId: string | null;
  /** A material change that reopened the learner's pass, if any (computed from the module's history). */
  contentChange: { changedVersion: string; renewBy: string } | null;
}

/** A message the rules decided on: its kind, its dedupe key, and the facts it is rendered from. */
export interface Notice {
  userId: string;
  kind: NoticeKind;
  dedupeKey: string;
  details: Record<string, string | number>;
}

const DAY_MS = 86_400_000;
const day = (instant: Date) => instant.toISOString().slice(0, 10);
const addDays = (date: string, days: number) => day(new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS));
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);

/** The notices due on `now` for one learner's assigned module. At most one reminder per stage is ever returned. */
export function learnerNotices(item: AssignedModule, now: Date): Notice[] {
  const today = day(now);
  const notices: Notice[] = [];
  const add = (kind: NoticeKind, period: string, details: Record<string, string | number>) =>
    notices.push({
      userId: item.userId,
      kind,
      dedupeKey: `${kind}:${item.moduleId}:${period}`,
      details: { moduleId: item.moduleId, ...details },
    });
  const current = item.expiresAt !== null && item.expiresAt > now && item.completedAt !== null;

  if (item.completedAt === null || item.expiresAt === null) {
    // Never passed: the assignment, the reminders before its due date, then weekly overdue reminders.
    const due = item.assignedDue;
    if (today <= due) add("assigned", due, { dueDate: due });
    const assignedOn = day(item.assignedAt);
    for (const [index, days] of DUE_REMINDER_DAYS.entries()) {
      const from = addDays(due, -days);
      const until = index + 1 < DUE_REMINDER_DAYS.length ? addDays(due, -(DUE_REMINDER_DAYS[index + 1] ?? 0)) : due;
      // Only a reminder whose window opened after the learner was told: an assignment made 10 days before its
      // due date brings the assignment notice and the 3-day reminder, not a 14-day one on the same day.
      if (today >= from && today < until && assignedOn < from) add(`due-${days}` as NoticeKind, due, { dueDate: due });
    }
    weekly("overdue", due);
    return notices;
  }

  const expiry = day(item.expiresAt);
  if (current) {
    for (const [index, days] of RENEWAL_REMINDER_DAYS.entries()) {
      const from = addDays(expiry, -days);
      const next = RENEWAL_REMINDER_DAYS[index + 1];
      const until = next === undefined ? expiry : addDays(expiry, -next);
      if (today >= from && today < until && day(item.completedAt) < from) {
        add(`renewal-${days}` as NoticeKind, expiry, { expiresOn: expiry });
      }
    }
    if (item.contentChange && today <= item.contentChange.renewBy) {
      add("content-changed", item.contentChange.changedVersion, { renewBy: item.contentChange.renewBy });
    }
    if (item.certificateId && now.getTime() - item.completedAt.getTime() <= CERTIFICATE_NOTICE_DAYS * DAY_MS) {
      add("certificate-issued", item.certificateId, { certificateId: item.certificateId, expiresOn: expiry });
    }
    return notices;
  }
  // Held once, now expired: weekly reminders from the day after expiry, as for an overdue assignment.
  weekly("expired", expiry);
  return notices;

  function weekly(kind: "overdue" | "expired", due: string) {
    const late = daysBetween(due, today);
    if (late < 1) return;
    const week = Math.floor((late - 1) / 7);
    if (week < OVERDUE_REMINDER_WEEKS) add(kind, `${due}:${week}`, { dueDate: due, week: week + 1 });
  }
}

/** A force's sending hours: nothing goes out between `quietStartHour` and `quietEndHour`, force-local. */
export interface SendingHours {
  quietStartHour: number;
  quietEndHour: number;
  timeZone: string;
}

/** The hour of the day (0–23) at `instant` in `timeZone`. */
function localHour(instant: Date, timeZone: string): number {
  const hour = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "numeric", hourCycle: "h23" }).format(instant);
  return Number(hour);
}

const inQuiet = (hour: number, { quietStartHour: start, quietEndHour: end }: SendingHours) =>
  start === end ? false : start < end ? hour >= start && hour < end : hour >= start || hour < end;

/**
 * When a message decided at `now` may go: at once outside quiet hours, else at the first hour after them
 * (to the top of the hour, force-local, so daylight saving moves it with the clock). A daily batch goes
 * at the next end of quiet hours.
 */
export function sendAfter(now: Date, hours: SendingHours, batch: "immediate" | "daily"): Date {
  const topOfHour = (instant: Date) => new Date(Math.floor(instant.getTime() / 3_600_000) * 3_600_000);
  if (batch === "immediate" && !inQuiet(localHour(now, hours.timeZone), hours)) return now;
  // Walk forward hour by hour (at most two days) to the hour quiet ends.
  let at = topOfHour(now);
  for (let step = 0; step < 48; step += 1) {
    at = new Date(at.getTime() + 3_600_000);
    const hour = localHour(at, hours.timeZone);
    if (hour === hours.quietEndHour) return at;
  }
  return now;
}
