import type { Module } from "@stalking-response/curriculum";
import { and, count, isNull, like } from "drizzle-orm";
import type { JobRole } from "../../shared/api";
import { hashPassword } from "../auth/passwords";
import type { Catalog } from "../catalog";
import type { Learner } from "../learning/statement";
import { withLedger } from "../learning/ledger";
import { appendAttempt, appendLessonSeen } from "../learning/record";
import { derivedUuid } from "../learning/xapi";
import type { Db } from "../db/client";
import { assignments, forces, statements, units, users } from "../db/schema";

/** The demo force: Essex, whose action plan ships in the recommendations package. */
export const DEMO_FORCE = { id: "essex", name: "Essex Police" } as const;

/** Demo sign-ins, printed on start and listed in the README. Demo only: never seed these into real use. */
export const DEMO_SIGN_INS = [
  {
    role: "officer",
    email: "officer@essex.demo.invalid",
    collarNumber: "EX1001",
    password: "demo-officer-password",
    note: "new officer, no progress yet",
  },
  {
    role: "trainer",
    email: "trainer@essex.demo.invalid",
    collarNumber: "EX9001",
    password: "demo-trainer-password",
    note: "trainer",
  },
  {
    role: "trainer",
    email: "trainer2@essex.demo.invalid",
    collarNumber: "EX9002",
    password: "demo-trainer-password",
    note: "second trainer",
  },
  {
    role: "admin",
    email: "admin@essex.demo.invalid",
    collarNumber: "EX9100",
    password: "demo-admin-password",
    note: "admin",
  },
] as const;

/** Every other demo officer signs in as `officer<NNN>@essex.demo.invalid` (NNN = 002…197) with this password. */
export const DEMO_OFFICER_PASSWORD = "demo-officer-password";

const COMMANDS = [
  { name: "North Local Policing Area", teams: ["North Response Team", "North Neighbourhood Team"] },
  { name: "South Local Policing Area", teams: ["South Response Team", "South Neighbourhood Team"] },
  { name: "West Local Policing Area", teams: ["West Response Team", "West Neighbourhood Team"] },
  {
    name: "Crime and Public Protection Command",
    teams: ["Domestic Abuse and Stalking Team", "Criminal Investigation Department"],
  },
  { name: "Contact Management", teams: ["Force Control Room"] },
];

// Fictional names; combinations are generated, so no real person is described.
/** Fictional given names for demo and synthetic people. */
export const GIVEN = [
  "Alex",
  "Sam",
  "Jordan",
  "Priya",
  "Tom",
  "Aisha",
  "Chris",
  "Hannah",
  "Daniel",
  "Grace",
  "Mohammed",
  "Sophie",
  "Ryan",
  "Chloe",
  "Kwame",
  "Ella",
  "Liam",
  "Zara",
  "Owen",
  "Megan",
];
/** A force's job roles in rough proportion (mostly response officers), cycled through by the seed and the bench. */
export const JOB_ROLE_MIX: readonly JobRole[] = [
  "response-officer",
  "response-officer",
  "response-officer",
  "investigator",
  "investigator",
  "call-handler",
  "supervisor",
  "staff",
];

/** Fictional family names for demo and synthetic people. */
export const FAMILY = [
  "Baker",
  "Patel",
  "Okafor",
  "Hughes",
  "Clarke",
  "Khan",
  "Wright",
  "Murphy",
  "Evans",
  "Shah",
  "Turner",
  "Ahmed",
  "Collins",
  "Reid",
  "Mensah",
  "Ward",
  "Fletcher",
  "Begum",
  "Price",
  "Lowe",
];

/** A small deterministic PRNG (mulberry32), so the demo data is the same on every machine. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Which modules each job role is assigned in the demo (supervisors get everything: rec 13.1). */
const ASSIGNED: Record<JobRole, string[]> = {
  "call-handler": ["recognising-stalking", "risk-screening", "victims-rights"],
  "response-officer": ["recognising-stalking", "risk-screening", "stalking-protection-orders", "victims-rights"],
  investigator: ["recognising-stalking", "stalking-protection-orders", "online-stalking", "victims-rights"],
  supervisor: [
    "recognising-stalking",
    "risk-screening",
    "stalking-protection-orders",
    "online-stalking",
    "victims-rights",
  ],
  staff: ["recognising-stalking", "victims-rights"],
};

function answersFor(module: Module, correct: boolean) {
  return module.knowledgeCheck.questions.map((question, index) => {
    // A failing attempt gets every other question wrong, which is below any sensible pass mark.
    const right = correct || index % 2 === 1;
    const wrong = question.options.find((option) => !question.correctOptionIds.includes(option.id));
    return { questionId: question.id, optionIds: right || !wrong ? [...question.correctOptionIds] : [wrong.id] };
  });
}

const daysAgo = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000);

/** Whether the database holds any enabled demo account (their passwords are public). */
export async function hasDemoAccounts(db: Db): Promise<boolean> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(like(users.email, "%@essex.demo.invalid"), isNull(users.disabledAt)))
    .limit(1);
  return row !== undefined;
}

/** Whether the database has any users (start-up seeds only an empty database). */
export async function hasUsers(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(users);
  return (row?.n ?? 0) > 0;
}

/**
 * Seeds the demo force: units, ~200 people across roles, assignments, and realistic partial progress.
 * Progress is written as real statements through the same code that serves the API, so the projection
 * agrees with the statement log exactly as it does for live use.
 */
export async function seedDemo(
  db: Db,
  catalog: Catalog,
  now = new Date(),
): Promise<{ users: number; statements: number }> {
  const rand = random(20_241_127);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
  const id = (...parts: string[]) => derivedUuid("demo", ...parts);

  await db.insert(forces).values(DEMO_FORCE).onConflictDoNothing();
  const teamIds: { id: string; name: string }[] = [];
  for (const command of COMMANDS) {
    const commandId = id("unit", command.name);
    await db.insert(units).values({ id: commandId, forceId: DEMO_FORCE.id, name: command.name, kind: "command" });
    for (const team of command.teams) {
      const teamId = id("unit", team);
      await db
        .insert(units)
        .values({ id: teamId, forceId: DEMO_FORCE.id, parentId: commandId, name: team, kind: "team" });
      teamIds.push({ id: teamId, name: team });
    }
  }
  const teamFor = (jobRole: JobRole) => {
    const byName = (name: string) => teamIds.find((team) => team.name === name)?.id ?? null;
    if (jobRole === "call-handler") return byName("Force Control Room");
    if (jobRole === "investigator")
      return pick([byName("Domestic Abuse and Stalking Team"), byName("Criminal Investigation Department")]);
    return pick(teamIds.filter((team) => !team.name.includes("Control")).map((team) => team.id));
  };

  const hashes = new Map<string, string>();
  const hashOf = async (password: string) => {
    // One hash per demo password (salted once) keeps seeding fast; real accounts each get their own salt.
    let value = hashes.get(password);
    if (value === undefined) {
      value = await hashPassword(password);
      hashes.set(password, value);
    }
    return value;
  };

  const people: (Learner & {
    role: "officer" | "trainer" | "admin";
    jobRole: JobRole;
    email: string;
    progress: boolean;
  })[] = [];
  for (const account of DEMO_SIGN_INS) {
    const jobRole: JobRole =
      account.role === "officer" ? "response-officer" : account.role === "trainer" ? "supervisor" : "staff";
    people.push({
      id: id("user", account.email),
      forceId: DEMO_FORCE.id,
      unitId: account.role === "officer" ? (teamIds[0]?.id ?? null) : null,
      jobRole,
      role: account.role,
      email: account.email,
      progress: false,
    });
    await db.insert(users).values({
      id: id("user", account.email),
      forceId: DEMO_FORCE.id,
      unitId: account.role === "officer" ? (teamIds[0]?.id ?? null) : null,
      email: account.email,
      collarNumber: account.collarNumber,
      displayName:
        account.role === "officer"
          ? "Sam Demo"
          : account.role === "trainer"
            ? `Training ${account.collarNumber === "EX9001" ? "Lead" : "Officer"}`
            : "System Administrator",
      role: account.role,
      jobRole,
      passwordHash: await hashOf(account.password),
    });
  }
  const officerHash = await hashOf(DEMO_OFFICER_PASSWORD);
  const officerRows: (typeof users.$inferInsert)[] = [];
  for (let n = 2; n <= 197; n += 1) {
    const number = String(n).padStart(3, "0");
    const email = `officer${number}@essex.demo.invalid`;
    const jobRole = pick(JOB_ROLE_MIX);
    const person = {
      id: id("user", email),
      forceId: DEMO_FORCE.id,
      unitId: teamFor(jobRole),
      jobRole,
      role: "officer" as const,
      email,
      progress: true,
    };
    people.push(person);
    officerRows.push({
      id: person.id,
      forceId: DEMO_FORCE.id,
      unitId: person.unitId,
      email,
      collarNumber: `EX${1000 + n}`,
      displayName: `${pick(GIVEN)} ${pick(FAMILY)}`,
      role: "officer",
      jobRole,
      passwordHash: officerHash,
    });
  }
  await db.insert(users).values(officerRows);

  const today = now.toISOString().slice(0, 10);
  const dueIn = (days: number) => new Date(Date.parse(today) + days * 86_400_000).toISOString().slice(0, 10);
  const trainer = people.find((person) => person.role === "trainer");
  for (const [jobRole, moduleIds] of Object.entries(ASSIGNED)) {
    for (const moduleId of moduleIds) {
      if (!catalog.module(moduleId)) continue;
      await db.insert(assignments).values({
        id: id("assignment", jobRole, moduleId),
        forceId: DEMO_FORCE.id,
        moduleId,
        jobRole,
        dueDate: moduleId === "recognising-stalking" ? dueIn(-7) : dueIn(42),
        createdBy: trainer?.id ?? null,
      });
    }
  }

  // One transaction per person: the same append-and-project path the API uses, without a commit per statement.
  for (const person of people.filter((candidate) => candidate.progress)) {
    const modules = ASSIGNED[person.jobRole].flatMap((moduleId) => catalog.module(moduleId) ?? []);
    const validity = (moduleId: string) => catalog.module(moduleId)?.validityMonths ?? 12;
    const plans = modules.map((module) => ({ module, roll: rand(), offset: rand(), depth: rand(), unlucky: rand() }));
    await withLedger(
      db,
      person,
      modules.map((module) => module.id),
      validity,
      async (ledger) => {
        for (const { module, roll, offset, depth, unlucky } of plans) {
          // Roughly: 30% not started, 25% part-way through, 10% failed once, 35% completed, of which some are
          // inside the renewal window and a few have expired.
          if (roll < 0.3) continue;
          const started = daysAgo(now, roll < 0.9 ? 5 + Math.floor(offset * 60) : 340 + Math.floor(offset * 60));
          const lessons =
            roll < 0.55
              ? module.lessons.slice(0, 1 + Math.floor(depth * Math.max(1, module.lessons.length - 1)))
              : module.lessons;
          for (const [index, lesson] of lessons.entries()) {
            await appendLessonSeen(ledger, person, module, lesson.id, new Date(started.getTime() + index * 600_000));
          }
          if (roll < 0.55) continue;
          const attemptAt = new Date(started.getTime() + lessons.length * 600_000 + 60_000);
          if (roll < 0.65 || unlucky < 0.2) {
            const attemptId = id("attempt", person.id, module.id, "1");
            await appendAttempt(ledger, person, module, { attemptId, answers: answersFor(module, false) }, attemptAt);
            if (roll < 0.65) continue;
          }
          const attemptId = id("attempt", person.id, module.id, "2");
          const passAt = new Date(attemptAt.getTime() + 120_000);
          await appendAttempt(ledger, person, module, { attemptId, answers: answersFor(module, true) }, passAt);
        }
      },
    );
  }
  const [stored] = await db.select({ n: count() }).from(statements);
  return { users: people.length, statements: stored?.n ?? 0 };
}
