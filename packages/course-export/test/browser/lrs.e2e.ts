// The test LRS the cmi5 journeys rely on refuses what a conformant LRS refuses, so their green result means something.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLrs } from "./lrs";

let lrs: Awaited<ReturnType<typeof startLrs>>;
beforeAll(async () => {
  lrs = await startLrs();
});
afterAll(() => lrs.close());

async function launched() {
  const actor = { objectType: "Agent", account: { homePage: "https://lms.example.invalid", name: "learner" } };
  const registration = randomUUID();
  const launch = await lrs.launch({
    auUrl: "http://127.0.0.1:1/au.html",
    publisherId: "urn:stalking-response-toolkit:courses/x/modules/y",
    activityId: `https://lms.example.invalid/activities/${randomUUID()}`,
    actor,
    registration,
    masteryScore: 0.8,
    moveOn: "Passed",
  });
  const params = new URL(launch.url).searchParams;
  const tokenResponse = await fetch(params.get("fetch") ?? "", { method: "POST" });
  const { "auth-token": token } = (await tokenResponse.json()) as { "auth-token": string };
  const statement = (verb: string, extra: object = {}) => ({
    actor,
    verb: { id: `http://adlnet.gov/expapi/verbs/${verb}` },
    object: { id: launch.activityId, objectType: "Activity" },
    context: {
      registration,
      extensions: { "https://w3id.org/xapi/cmi5/context/extensions/sessionid": launch.sessionId },
    },
    ...extra,
  });
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${params.get("endpoint") ?? ""}statements`, {
      method: "POST",
      headers: {
        Authorization: `Basic ${token}`,
        "X-Experience-API-Version": "1.0.3",
        "Content-Type": "application/json",
        ...headers,
      },
      body: JSON.stringify(body),
    });
  return { params, statement, post };
}

describe("test LRS", () => {
  it("hands out each fetch URL's token once", async () => {
    const { params } = await launched();
    const again = (await (await fetch(params.get("fetch") ?? "", { method: "POST" })).json()) as Record<string, string>;
    expect(again["error-code"]).toBe("1");
  });

  it("accepts a valid statement and refuses invalid ones, missing headers, unknown tokens and other sessions", async () => {
    const { statement, post } = await launched();
    expect((await post(statement("initialized"))).status).toBe(200);
    expect((await post({ ...statement("passed"), result: { score: { scaled: 1.5 } } })).status).toBe(400);
    expect((await post({ ...statement("passed"), verb: { id: "passed" } })).status).toBe(400);
    expect((await post(statement("passed"), { "X-Experience-API-Version": "" })).status).toBe(400);
    expect((await post(statement("passed"), { Authorization: "Basic bm9ib2R5" })).status).toBe(401);
    const other = statement("passed", {});
    expect((await post({ ...other, context: { ...other.context, registration: randomUUID() } })).status).toBe(403);
  });

  it("refuses statements after the session's terminated", async () => {
    const { statement, post } = await launched();
    expect((await post(statement("terminated", { result: { duration: "PT1S" } }))).status).toBe(200);
    expect((await post(statement("passed"))).status).toBe(403);
  });
});
