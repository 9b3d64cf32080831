import { expect } from "vitest";
import { ProblemSchema } from "../../src/shared/api";
import type { Problem } from "../../src/shared/api";

/** Asserts a problem+json answer with this status and returns the parsed problem. */
export async function expectProblem(response: Response, status: number): Promise<Problem> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  const problem = ProblemSchema.parse(JSON.parse(text));
  expect(problem.status).toBe(status);
  return problem;
}
