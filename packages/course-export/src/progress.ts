import { z } from "zod";

/**
 * What a learner's place in a module is saved as, between sessions: SCORM 1.2 keeps it in `cmi.suspend_data`
 * (at most 4,096 characters), cmi5 in an xAPI State document. Answers are stored as option positions, not ids,
 * so the largest module stays far below SCORM 1.2's limit (the tests measure it for every module).
 */
export const ProgressSchema = z.strictObject({
  /** Format version of this record. */
  f: z.literal(1),
  /** The module version the answers belong to; answers to another version are dropped on resume. */
  v: z.string().max(20),
  /** Indexes of the lessons the learner has opened. */
  s: z.array(z.number().int().min(0)).max(50),
  /** Per question, the positions of the options chosen (empty when unanswered). */
  a: z.array(z.array(z.number().int().min(0)).max(20)).max(100),
  /** How many attempts at the knowledge check have been marked. */
  t: z.number().int().min(0),
  /** Whether the last marked attempt is being shown (the answers in `a` belong to it). */
  m: z.boolean(),
  /** Whether the learner has passed in this registration; a pass is final. */
  p: z.boolean(),
});

/** A learner's saved place in a module. */
export type Progress = z.infer<typeof ProgressSchema>;

/** SCORM 1.2's limit on `cmi.suspend_data` (SCORM 1.2 Run-Time Environment, CMIString4096). */
export const scorm12SuspendDataLimit = 4096;

/** A fresh record for a module version. */
export function emptyProgress(moduleVersion: string, questionCount: number): Progress {
  return {
    f: 1,
    v: moduleVersion,
    s: [],
    a: Array.from({ length: questionCount }, () => []),
    t: 0,
    m: false,
    p: false,
  };
}

/** The record as the text stored in `cmi.suspend_data` or a State document. */
export function encodeProgress(progress: Progress): string {
  return JSON.stringify(progress);
}

/**
 * Reads a saved record back. Anything unreadable, or saved for another module version or question count, gives a
 * fresh record (with the pass kept when the record says so), because answers to changed questions mean nothing.
 */
export function decodeProgress(
  text: string | null | undefined,
  moduleVersion: string,
  questionCount: number,
): Progress {
  const fresh = emptyProgress(moduleVersion, questionCount);
  if (!text) return fresh;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return fresh;
  }
  const parsed = ProgressSchema.safeParse(json);
  if (!parsed.success) return fresh;
  if (parsed.data.v !== moduleVersion || parsed.data.a.length !== questionCount) return { ...fresh, p: parsed.data.p };
  return parsed.data;
}

/**
 * The largest record a module can produce (every lesson opened, one extra for a local-policy lesson, every option of
 * every question chosen, a huge attempt count), for measuring it against {@link scorm12SuspendDataLimit}.
 *
 * @example encodeProgress(largestProgress(module)).length; // about 170 characters for the shipped modules
 */
export function largestProgress(module: {
  version: string;
  lessons: readonly unknown[];
  knowledgeCheck: { questions: readonly { options: readonly unknown[] }[] };
}): Progress {
  return {
    ...emptyProgress(module.version, module.knowledgeCheck.questions.length),
    s: [...module.lessons.keys(), module.lessons.length],
    a: module.knowledgeCheck.questions.map((question) => [...question.options.keys()]),
    t: 999_999,
    m: true,
    p: true,
  };
}
