import type { z } from "zod";
import type { DraftSchema } from "../api/contract-schemas";
import { tabStore } from "./tab-store";

/**
 * The answers an officer has given so far in one knowledge check, kept in this tab until they submit.
 * The server scores only the submitted set, so nothing here is trusted; sessionStorage just means a
 * page reload does not throw away the answers already given.
 */
/** Question id → the option ids chosen. */
export type Draft = z.infer<typeof DraftSchema>;

const drafts = tabStore("knowledge-check", (contract) => contract.DraftSchema);

/** The answers given so far for a module (empty when none). */
export const readDraft = (moduleId: string): Draft => drafts.read(moduleId) ?? {};

/** Records the answer to one question and returns the whole draft. */
export function saveAnswer(moduleId: string, questionId: string, optionIds: string[]): Draft {
  const draft = { ...readDraft(moduleId), [questionId]: optionIds };
  drafts.keep(moduleId, draft);
  return draft;
}

/**
 * Takes in the answers the server kept for this attempt (given on any device); where both have answered a
 * question, the server's is the later one, since every answer given in this tab is saved there too.
 */
export function mergeSavedAnswers(moduleId: string, saved: Draft): Draft {
  const draft = { ...readDraft(moduleId), ...saved };
  drafts.keep(moduleId, draft);
  return draft;
}

/** Forgets the answers once submitted, so a retry after review starts from a clean sheet. */
export const clearDraft = (moduleId: string) => drafts.forget(moduleId);
