import { randomBytes, randomUUID } from "node:crypto";
import type { Module } from "@stalking-response/curriculum";
import { AnswersSchema, lessonsToRevisit, scoreAttempt, withholdAnswerKey } from "@stalking-response/curriculum";
import type { AttemptScore } from "@stalking-response/curriculum";
import { and, eq, lte, inArray, count } from "drizzle-orm";
import type { AttemptRequest, AttemptResult } from "../../shared/api";
import {
  IMPORT_SOURCE_EXTENSION,
  XAPI_IRI_BASE,
  XAPI_VERBS,
  lessonActivityId,
  moduleActivityId,
  questionActivityId,
} from "../../shared/api";
import { findDraw, markDrawSubmitted } from "../db/attempt-draws";
import type { DrawnQuestion } from "../db/attempt-draws";
import type { Db } from "../db/client";
import { certificates, statements } from "../db/schema";
import { AnswersDoNotFit, Conflict, InvalidInput } from "../errors";
import type { LedgerTransaction } from "./ledger";
import { withLedger } from "./ledger";
import { moduleProgress, projectionOf } from "./progress";
import { drawnForLearner } from "./attempt-draw";
import type { ProjectionState } from "./projection";
import type { Learner, NewStatement } from "./statement";
import { canonicalJson, derivedUuid } from "./xapi";

type Verb = keyof typeof XAPI_VERBS;

/** Builds a statement the server writes on the learner's behalf. */
export function serverStatement(
  learner: Learner,
  input: {
    id?: string;
    verb: Verb;
    objectId: string;
    moduleId: string;
    timestamp: Date;
    result?: Record<string, unknown>;
    scoreScaled?: number;
    /** The platform an imported completion came from (issue 19), kept as a context extension. */
    source?: string;
  },
): NewStatement {
  const id = input.id ?? randomUUID();
  const registration = derivedUuid("registration", learner.id, input.moduleId);
  const body: Record<string, unknown> = {
    id,
    actor: { objectType: "Agent", account: { homePage: XAPI_IRI_BASE, name: learner.id } },
    verb: { id: XAPI_VERBS[input.verb], display: { "en-GB": input.verb } },
    object: { objectType: "Activity", id: input.objectId },
    ...(input.result ? { result: input.result } : {}),
    context: {
      registration,
      platform: "Stalking Response Toolkit training",
      ...(input.source === undefined ? {} : { extensions: { [IMPORT_SOURCE_EXTENSION]: input.source } }),
    },
    timestamp: input.timestamp.toISOString(),
  };
  return {
    id,
    verb: XAPI_VERBS[input.verb],
    objectId: input.objectId,
    moduleId: input.moduleId,
    registration,
    timestamp: input.timestamp,
    scoreScaled: input.scoreScaled,
    ...(input.source === undefined ? {} : { source: input.source }),
    body,
  };
}

/** Within a ledger transaction: `launched` the first time in a module, then `experienced` for the lesson. */
export async function appendLessonSeen(
  ledger: LedgerTransaction,
  learner: Learner,
  module: Module,
  lessonId: string,
  timestamp: Date,
): Promise<void> {
  if (ledger.state(module.id).status === "not-started") {
    await ledger.append(
      serverStatement(learner, {
        verb: "launched",
        objectId: moduleActivityId(module.id),
        moduleId: module.id,
        timestamp,
      }),
    );
  }
  await ledger.append(
    serverStatement(learner, {
      verb: "experienced",
      objectId: lessonActivityId(module.id, lessonId),
      moduleId: module.id,
      timestamp,
    }),
  );
}

/** Records that the learner has seen a lesson; returns the module's projection afterwards. */
export async function recordLessonSeen(db: Db, learner: Learner, module: Module, lessonId: string, timestamp: Date) {
  return withLedger(
    db,
    learner,
    [module.id],
    () => module.validityMonths,
    async (ledger) => {
      await appendLessonSeen(ledger, learner, module, lessonId, timestamp);
      return ledger.state(module.id);
    },
  );
}

// Crockford base32 without I, L, O, U: readable aloud and over the phone when a trainer verifies one.
const CERTIFICATE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A new certificate verification id, `SRT-XXXX-XXXX-XXXX` (60 random bits). */
export function newCertificateId(): string {
  const bytes = randomBytes(12);
  const chars = [...bytes].map((byte) => CERTIFICATE_ALPHABET[byte % 32]).join("");
  return `SRT-${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

/** Turns the contract's answer list into the curriculum's answers record, refusing a question answered twice. */
function answersRecord(request: AttemptRequest): Record<string, string[]> {
  const record: Record<string, string[]> = {};
  request.answers.forEach((answer, index) => {
    if (answer.questionId in record) {
      throw InvalidInput.field(
        `answers.${index}.questionId`,
        "answers a question that is already answered",
        "A question is answered twice.",
      );
    }
    record[answer.questionId] = answer.optionIds;
  });
  return record;
}

function scoreOrRefuse(
  module: Module,
  request: AttemptRequest,
  answers: Record<string, string[]>,
  drawn: readonly DrawnQuestion[] | undefined,
): AttemptScore {
  const scored = scoreAttempt(module, answers, drawn ? { questionIds: drawn.map((q) => q.questionId) } : {});
  if (scored.ok) return scored.value;
  const errors = scored.issues.map((issue) => {
    const [questionId, optionIndex] = issue.path;
    const index = request.answers.findIndex((answer) => answer.questionId === questionId);
    const field =
      index < 0
        ? "answers"
        : optionIndex === undefined
          ? `answers.${index}.questionId`
          : `answers.${index}.optionIds.${optionIndex}`;
    return { field, reason: issue.message };
  });
  throw new AnswersDoNotFit(errors);
}

function scoredResult(
  module: Module,
  attemptId: string,
  score: AttemptScore,
  attemptNumber: number,
  certificateId: string | null,
  state: ProjectionState,
  now: Date,
  drawn: readonly DrawnQuestion[] | undefined,
): AttemptResult {
  const asked = new Map(
    (
      drawn ??
      module.knowledgeCheck.questions.map((question) => ({
        questionId: question.id,
        optionIds: question.options.map((option) => option.id),
      }))
    ).map((question) => [question.questionId, question.optionIds]),
  );
  const learnerView = new Map(
    drawnForLearner(
      module,
      score.perQuestion.map((result) => ({
        questionId: result.questionId,
        optionIds: asked.get(result.questionId) ?? [],
      })),
    ).map((question) => [question.id, question]),
  );
  // The answer key and the explanations only after a pass: a failed attempt's result must not be a crib for
  // the next one. It says which questions were wrong and which lessons cover them.
  const showKey = score.passed;
  const wrong = score.perQuestion.filter((result) => !result.correct).map((result) => result.questionId);
  return {
    attemptId,
    attemptNumber,
    scorePercent: score.percent,
    passMarkPercent: score.passMarkPercent,
    passed: score.passed,
    certificateId,
    questions: score.perQuestion.flatMap((result) => {
      const question = learnerView.get(result.questionId);
      if (!question) return [];
      // The options in the order this attempt asked them, so the result reads as the questions did.
      const marked = {
        ...result,
        options: question.options.flatMap((option) => result.options.filter((feedback) => feedback.id === option.id)),
      };
      return [{ ...(showKey ? marked : withholdAnswerKey(marked)), question, prompt: question.prompt }];
    }),
    lessonsToRevisit: showKey
      ? []
      : lessonsToRevisit(module, wrong).map((lesson) => ({ id: lesson.id, title: lesson.title })),
    progress: moduleProgress(module, state, now),
  };
}

/**
 * What the record says of an attempt already stored, by its verdict statement's `seq`: which attempt on the
 * module it was (verdicts up to and including it), and the certificate its pass earned, if any.
 */
async function recordedAttempt(
  db: Db,
  userId: string,
  moduleId: string,
  attemptId: string,
  verdictSeq: number,
): Promise<{ attemptNumber: number; certificateId: string | null }> {
  const [{ value: attemptNumber } = { value: 0 }] = await db
    .select({ value: count() })
    .from(statements)
    .where(
      and(
        eq(statements.userId, userId),
        eq(statements.moduleId, moduleId),
        inArray(statements.verb, [XAPI_VERBS.passed, XAPI_VERBS.failed]),
        lte(statements.seq, verdictSeq),
      ),
    );
  const completedId = derivedUuid("attempt", attemptId, userId, "completed");
  const [certificate] = await db
    .select({ id: certificates.id })
    .from(certificates)
    .where(eq(certificates.statementId, completedId));
  return { attemptNumber, certificateId: certificate?.id ?? null };
}

/**
 * One of the learner's own recorded attempts, scored again from the answers its verdict statement stores
 * (as a retried submission is), or `null` when the learner has no such attempt on this module. The statement
 * id derives from the learner's id, so another learner's attempt id never finds anything.
 */
export async function readAttempt(
  db: Db,
  learner: Pick<Learner, "id">,
  module: Module,
  attemptId: string,
  now: Date,
): Promise<AttemptResult | null> {
  const verdictId = derivedUuid("attempt", attemptId, learner.id, "verdict");
  const [verdict] = await db
    .select({ seq: statements.seq, verb: statements.verb, statement: statements.statement })
    .from(statements)
    .where(and(eq(statements.id, verdictId), eq(statements.userId, learner.id), eq(statements.moduleId, module.id)));
  // Only the server writes passed and failed; anything else stored under this id is not a verdict.
  if (!verdict || (verdict.verb !== XAPI_VERBS.passed && verdict.verb !== XAPI_VERBS.failed)) return null;
  const stored = verdict.statement as { result?: { response?: unknown } };
  const answers = parseAnswers(stored.result?.response);
  if (!answers) return null;
  // Attempts drawn from the bank are marked on their draw; attempts recorded before draws (and demo data) on
  // the whole bank, as they were asked.
  const draw = await findDraw(db, attemptId, learner.id, module.id);
  const scored = scoreAttempt(module, answers, draw ? { questionIds: draw.questions.map((q) => q.questionId) } : {});
  // Answers that no longer fit the module (it changed since) cannot be shown as a result of this version.
  if (!scored.ok) return null;
  const recorded = await recordedAttempt(db, learner.id, module.id, attemptId, verdict.seq);
  const state = await projectionOf(db, learner.id, module.id);
  return scoredResult(
    module,
    attemptId,
    scored.value,
    Math.max(1, recorded.attemptNumber),
    recorded.certificateId,
    state,
    now,
    draw?.questions,
  );
}

/** The answers a verdict statement stores, or `null` when they are not a map of question ids to option ids. */
function parseAnswers(response: unknown): Record<string, string[]> | null {
  if (typeof response !== "string") return null;
  try {
    const parsed = AnswersSchema.safeParse(JSON.parse(response));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Scores a knowledge-check attempt on the server and records it: `answered` per question, then `passed` or
 * `failed`, and on a pass `completed` with a certificate, all in one transaction with the projection.
 * Statement ids derive from `attemptId`, so a retried submission is answered from the record, not re-counted.
 */
export async function recordAttempt(
  db: Db,
  learner: Learner,
  module: Module,
  request: AttemptRequest,
  now: Date,
  drawn?: readonly DrawnQuestion[],
): Promise<AttemptResult> {
  // Scored before the transaction: answers that do not fit the module never touch the database.
  const answers = answersRecord(request);
  const score = scoreOrRefuse(module, request, answers, drawn);
  return withLedger(
    db,
    learner,
    [module.id],
    () => module.validityMonths,
    async (ledger) => {
      const result = await appendAttempt(ledger, learner, module, request, now, { answers, score, drawn });
      if (drawn) {
        await markDrawSubmitted(ledger.tx, request.attemptId, {
          at: now,
          passed: score.passed,
          wrongQuestionIds: score.perQuestion.filter((q) => !q.correct).map((q) => q.questionId),
        });
      }
      return result;
    },
  );
}

/** Within a ledger transaction: scores and records an attempt (see {@link recordAttempt}). */
export async function appendAttempt(
  ledger: LedgerTransaction,
  learner: Learner,
  module: Module,
  request: AttemptRequest,
  now: Date,
  scored?: { answers: Record<string, string[]>; score: AttemptScore; drawn?: readonly DrawnQuestion[] | undefined },
): Promise<AttemptResult> {
  const drawn = scored?.drawn;
  const answers = scored?.answers ?? answersRecord(request);
  const score = scored?.score ?? scoreOrRefuse(module, request, answers, drawn);
  const attemptResult = (attemptNumber: number, certificateId: string | null) =>
    scoredResult(module, request.attemptId, score, attemptNumber, certificateId, ledger.state(module.id), now, drawn);
  const response = canonicalJson(answers);
  const verdictId = derivedUuid("attempt", request.attemptId, learner.id, "verdict");
  const completedId = derivedUuid("attempt", request.attemptId, learner.id, "completed");
  const [previous] = await ledger.tx
    .select({ seq: statements.seq, statement: statements.statement, userId: statements.userId })
    .from(statements)
    .where(eq(statements.id, verdictId));
  if (previous) {
    const stored = previous.statement as { result?: { response?: unknown } };
    if (previous.userId !== learner.id || stored.result?.response !== response) {
      throw new Conflict(
        "attempt-conflict",
        "Attempt already recorded",
        "This attemptId was already used for different answers.",
        [
          {
            field: "attemptId",
            reason: "was already used for different answers; generate a new one per submission",
          },
        ],
      );
    }
    const recorded = await recordedAttempt(ledger.tx, learner.id, module.id, request.attemptId, previous.seq);
    return attemptResult(recorded.attemptNumber, recorded.certificateId);
  }

  for (const result of score.perQuestion) {
    await ledger.append(
      serverStatement(learner, {
        id: derivedUuid("attempt", request.attemptId, learner.id, "answered", result.questionId),
        verb: "answered",
        objectId: questionActivityId(module.id, result.questionId),
        moduleId: module.id,
        timestamp: now,
        // xAPI's choice-interaction response format: option ids joined by "[,]".
        result: { success: result.correct, response: result.selectedOptionIds.join("[,]") },
      }),
    );
  }
  const scaled = score.percent / 100;
  await ledger.append(
    serverStatement(learner, {
      id: verdictId,
      verb: score.passed ? "passed" : "failed",
      objectId: moduleActivityId(module.id),
      moduleId: module.id,
      timestamp: now,
      scoreScaled: scaled,
      result: {
        score: { scaled, raw: score.correctCount, min: 0, max: score.questionCount },
        success: score.passed,
        response,
      },
    }),
  );
  let certificateId: string | null = null;
  if (score.passed) {
    certificateId = newCertificateId();
    await ledger.append(
      serverStatement(learner, {
        id: completedId,
        verb: "completed",
        objectId: moduleActivityId(module.id),
        moduleId: module.id,
        timestamp: now,
        result: { completion: true, success: true },
      }),
      { id: certificateId, moduleVersion: module.version, scorePercent: score.percent },
    );
  }
  return attemptResult(ledger.state(module.id).attempts, certificateId);
}

/**
 * Marks and records answers to a drawn attempt: exactly the questions drawn for it (see
 * `startAttempt` in `attempt-draw.ts`), never a set the client chooses.
 */
export async function submitAttempt(
  db: Db,
  learner: Learner,
  module: Module,
  request: AttemptRequest,
  now: Date,
): Promise<AttemptResult> {
  const draw = await findDraw(db, request.attemptId, learner.id, module.id);
  if (!draw) {
    throw InvalidInput.field(
      "attemptId",
      "is not a knowledge-check attempt you started on this module; start one first",
      "attemptId: is not an attempt you started",
    );
  }
  if (draw.moduleVersion !== module.version) {
    throw new Conflict("attempt-outdated", "The knowledge check has changed", "Start the knowledge check again.", [
      { field: "attemptId", reason: "was started on an earlier version of this module; start again" },
    ]);
  }
  return recordAttempt(db, learner, module, request, now, draw.questions);
}
