import type { z } from "zod";
import { CSRF_HEADER, paths } from "../../shared/paths";
import { loadContract, type Contract } from "./contract";
import { contractProblem, networkProblem, toProblem, type Problem } from "./problem";

/** A call's outcome: the validated data, or the problem to show. Pages never see a thrown fetch error. */
export type ApiResult<T> = { ok: true; data: T } | { ok: false; problem: Problem };

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

let csrfToken: string | undefined;

/** Remembers the CSRF token from the latest session answer; every write sends it back in a header. */
export function setCsrfToken(token: string) {
  csrfToken = token;
}

/** Why the server ended a session from outside it, when it said so (a 401 of these problem types). */
export type SignedOutBecause = "account-disabled" | "password-changed";

const unauthorisedListeners = new Set<(because: SignedOutBecause | undefined) => void>();

/**
 * Called when a call answers 401 (the session expired, or was ended because the account was disabled or the
 * password changed), so the app can send the officer back to sign in and say why.
 */
export function onUnauthorised(listener: (because: SignedOutBecause | undefined) => void): () => void {
  unauthorisedListeners.add(listener);
  return () => unauthorisedListeners.delete(listener);
}

/** A contract schema, or how to pick one from the lazily loaded contract (see ./contract.ts). */
export type SchemaOf<S extends z.ZodType> = S | ((contract: Contract) => S);

/**
 * Calls the API and validates the answer with the contract's schema. A shape mismatch is reported as a
 * problem rather than trusted, so a half-deployed server cannot render wrong training records.
 */
export async function call<S extends z.ZodType>(
  method: Method,
  path: string,
  schemaOf: SchemaOf<S>,
  body?: unknown,
): Promise<ApiResult<z.infer<S>>> {
  const contract = loadContract().catch(() => null);
  let answer = await send(method, path, body);
  if (answer.status === 403 && isCsrfRefusal(await contract, answer.payload) && (await refreshCsrfToken())) {
    // The token is bound to the session, so it goes stale when the session rotates (e.g. in another tab).
    answer = await send(method, path, body);
  }
  const schemas = await contract;
  if (answer.status === 0 || schemas === null) return { ok: false, problem: networkProblem() };
  if (answer.status >= 400) {
    // A wrong password on sign-in is also a 401, but that is the sign-in page's own error, not an expiry.
    if (answer.status === 401 && path !== paths.session) {
      const because = endedBecause(schemas, answer.payload);
      for (const listener of unauthorisedListeners) listener(because);
    }
    return { ok: false, problem: toProblem(answer.status, answer.payload, schemas) };
  }
  const schema = typeof schemaOf === "function" ? schemaOf(schemas) : schemaOf;
  const parsed = schema.safeParse(answer.payload);
  if (!parsed.success) {
    console.error(`Unexpected answer from ${method} ${path}`, parsed.error.issues);
    return { ok: false, problem: contractProblem() };
  }
  return { ok: true, data: parsed.data };
}

async function send(method: Method, path: string, body: unknown): Promise<{ status: number; payload: unknown }> {
  const headers: Record<string, string> = { accept: "application/json" };
  // A file (a CSV import) is sent as it is; everything else as JSON.
  const file = body instanceof Blob;
  if (body !== undefined) headers["content-type"] = file ? "text/csv" : "application/json";
  if (method !== "GET" && csrfToken !== undefined) headers[CSRF_HEADER] = csrfToken;
  try {
    const response = await fetch(path, {
      method,
      headers,
      credentials: "same-origin",
      ...(body === undefined ? {} : { body: file ? body : JSON.stringify(body) }),
    });
    return { status: response.status, payload: await readJson(response) };
  } catch {
    return { status: 0, payload: undefined };
  }
}

async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return null;
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

function endedBecause(contract: Contract, payload: unknown): SignedOutBecause | undefined {
  const problem = contract.ProblemSchema.safeParse(payload);
  if (!problem.success) return undefined;
  if (problem.data.type.endsWith("/account-disabled")) return "account-disabled";
  if (problem.data.type.endsWith("/password-changed")) return "password-changed";
  return undefined;
}

function isCsrfRefusal(contract: Contract | null, payload: unknown): boolean {
  const problem = contract?.ProblemSchema.safeParse(payload);
  return problem?.success === true && problem.data.type.endsWith("/csrf");
}

async function refreshCsrfToken(): Promise<boolean> {
  const [answer, contract] = await Promise.all([send("GET", paths.session, undefined), loadContract()]);
  const session = contract.SessionResponseSchema.safeParse(answer.payload);
  if (!session.success) return false;
  setCsrfToken(session.data.csrfToken);
  return true;
}
