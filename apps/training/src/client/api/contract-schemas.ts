import { z } from "zod";

// Everything the browser parses with zod, loaded as one chunk beside the first request (./contract.ts).
export * from "../../shared/api";

/** A knowledge check's answers so far in this tab: question id → chosen option ids. */
export const DraftSchema = z.record(z.string(), z.array(z.string()));

/** An answer whose body the caller does not read (204 No Content from signing out). */
export const EmptyAnswerSchema = z.unknown();

// The in-app notices banner's answer (on the officer's first page, so with the rest of the contract).
export { MyNotificationsSchema } from "../../shared/notifications-api";
