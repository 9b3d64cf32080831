import { createHash, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issuePasswordReset, redeemPasswordReset } from "../../src/server/auth/password-reset";
import { timeLeft } from "../../src/server/auth/throttle";
import { auditLog, passwordResetTokens } from "../../src/server/db/schema";
import { AdminUserSchema, ResetLinkResponseSchema } from "../../src/shared/admin-api";
import { SessionResponseSchema } from "../../src/shared/api";
import { startTestApp } from "../support/app";
import type { TestApp } from "../support/app";
import type { TestClient } from "../support/client";
import { databaseTargets } from "../support/databases";
import { expectProblem } from "../support/problems";

/** Issue 15: accounts people look after themselves (temporary passwords, changing, resetting, disabling). */
describe.each(databaseTargets)("accounts people look after on $name", (target) => {
  let t: TestApp;
  let admin: TestClient;
  // One instant for the whole file; expiry is checked by calling the domain with a later time.
  const clock = new Date();
  beforeAll(async () => {
    t = await startTestApp(target, { now: () => clock });
    admin = await t.as(t.people.adminA);
  }, 120_000);
  afterAll(() => t?.close());

  const TEMPORARY = "temporary password 1";

  /** A new person created by the admin with a temporary password. */
  async function newPerson() {
    const email = `person.${randomUUID()}@test.invalid`;
    const response = await admin.post("/api/admin/users", {
      email,
      displayName: "Pat Person",
      role: "officer",
      jobRole: "call-handler",
      unitId: t.unitA,
      password: TEMPORARY,
    });
    const user = AdminUserSchema.parse(await response.json());
    expect(user.mustChangePassword).toBe(true);
    return { ...user, email };
  }

  const signedIn = async (email: string, password: string) => {
    const client = t.client();
    const session = await client.signIn(email, password);
    return { client, session };
  };

  it("makes a temporary password holder change it before anything else, then lets them in", async () => {
    const person = await newPerson();
    const { client, session } = await signedIn(person.email, TEMPORARY);
    expect(session.user?.mustChangePassword).toBe(true);
    const other = await signedIn(person.email, TEMPORARY);

    // Only changing the password (and the session itself) works until then.
    const blocked = await expectProblem(await client.get("/api/me/training"), 403);
    expect(blocked.type).toMatch(/password-change-required$/);
    await expectProblem(await client.post("/api/statements", {}), 403);
    expect((await client.get("/api/session")).status).toBe(200);

    const change = (currentPassword: string, newPassword: string) =>
      client.post("/api/me/password", { currentPassword, newPassword });
    const wrong = await expectProblem(await change("not the password", "a brand new passphrase"), 400);
    expect(wrong.errors?.[0]?.field).toBe("currentPassword");
    const same = await expectProblem(await change(TEMPORARY, TEMPORARY), 400);
    expect(same.errors?.[0]).toEqual({ field: "newPassword", reason: "must be different from your current password" });
    const short = await expectProblem(await change(TEMPORARY, "short"), 400);
    expect(short.errors?.[0]).toEqual({ field: "newPassword", reason: "must be at least 12 characters" });
    const ownEmail = await expectProblem(await change(TEMPORARY, person.email.toUpperCase()), 400);
    expect(ownEmail.errors?.[0]?.reason).toBe("must not be your email address, collar number or name");
    const repeated = await expectProblem(await change(TEMPORARY, "aaaaaaaaaaaaaaaa"), 400);
    expect(repeated.errors?.[0]?.reason).toBe("must not be one character repeated");

    expect((await change(TEMPORARY, "my own long passphrase")).status).toBe(204);
    expect((await client.get("/api/me/training")).status).toBe(200);
    const after = SessionResponseSchema.parse(await (await client.get("/api/session")).json());
    expect(after.user?.mustChangePassword).toBe(false);

    // The other session was ended, and says why once.
    const ended = await expectProblem(await other.client.get("/api/me/training"), 401);
    expect(ended.type).toMatch(/password-changed$/);
    expect(ended.detail).toBe(
      "Your password was changed, so you have been signed out here. Sign in with your new password.",
    );
    expect((await expectProblem(await other.client.get("/api/me/training"), 401)).type).toMatch(/unauthenticated$/);

    await expect(t.client().signIn(person.email, TEMPORARY)).rejects.toThrow(/sign-in failed: 401/);
    expect((await signedIn(person.email, "my own long passphrase")).session.user?.mustChangePassword).toBe(false);
  });

  it("tells a disabled account's open session why it was signed out, once, and a re-enable does not revive it", async () => {
    const person = await newPerson();
    const { client } = await signedIn(person.email, TEMPORARY);
    const reader = await signedIn(person.email, TEMPORARY);
    const disable = await admin.request("PATCH", `/api/admin/users/${person.id}`, { json: { disabled: true } });
    expect(disable.status).toBe(200);

    const problem = await expectProblem(await client.post("/api/me/password", {}), 401);
    expect(problem.type).toMatch(/account-disabled$/);
    expect(problem.detail).toMatch(/^Your account has been disabled/);
    // A page reload asks for the session first: the answer says why, and the cookie is cleared.
    const reload = await reader.client.get("/api/session");
    expect(SessionResponseSchema.parse(await reload.json())).toMatchObject({
      user: null,
      signedOutBecause: "account-disabled",
    });
    const again = SessionResponseSchema.parse(await (await reader.client.get("/api/session")).json());
    expect(again.signedOutBecause).toBeUndefined();

    await admin.request("PATCH", `/api/admin/users/${person.id}`, { json: { disabled: false } });
    expect((await client.get("/api/session").then((r) => r.json())) as unknown).toMatchObject({ user: null });
  });

  it("resets a password through a one-time link the admin hands over", async () => {
    const person = await newPerson();
    const { client } = await signedIn(person.email, TEMPORARY);
    const issued = ResetLinkResponseSchema.parse(
      await (await admin.request("POST", `/api/admin/users/${person.id}/reset-links`)).json(),
    );
    expect(issued.path).toMatch(/^\/reset-password#token=[A-Za-z0-9_-]{43}$/);
    const token = issued.path.split("#token=")[1] ?? "";
    expect(new Date(issued.expiresAt).getTime() - clock.getTime()).toBe(30 * 60_000);
    // Only the SHA-256 of the token is stored.
    const stored = await t.database.db
      .select()
      .from(passwordResetTokens)
      .where(eq(passwordResetTokens.userId, person.id));
    expect(stored.map((row) => row.tokenHash)).toEqual([createHash("sha256").update(token).digest("hex")]);

    const visitor = t.client();
    await visitor.refreshSession();
    expect((await visitor.post("/api/password-reset/check", { token })).status).toBe(200);
    // A refused password leaves the link working.
    const weak = await expectProblem(await visitor.post("/api/password-reset", { token, newPassword: "tiny" }), 400);
    expect(weak.errors?.[0]?.field).toBe("newPassword");
    const named = await visitor.post("/api/password-reset", { token, newPassword: "Pat Person" + "   " });
    expect(named.status).toBe(400);
    expect((await visitor.post("/api/password-reset", { token, newPassword: "reset passphrase one" })).status).toBe(
      204,
    );

    // Single use; the old session ended; the new password works and is not temporary.
    const reused = await expectProblem(
      await visitor.post("/api/password-reset", { token, newPassword: "reset passphrase two" }),
      400,
    );
    expect(reused.errors?.[0]).toEqual({ field: "token", reason: "is not a reset link that still works" });
    await expectProblem(await visitor.post("/api/password-reset/check", { token }), 400);
    expect((await expectProblem(await client.get("/api/me/training"), 401)).type).toMatch(/password-changed$/);
    expect((await signedIn(person.email, "reset passphrase one")).session.user?.mustChangePassword).toBe(false);

    const actions = await t.database.db.select().from(auditLog).where(eq(auditLog.subject, person.id));
    expect(actions.map((row) => row.action)).toEqual(
      expect.arrayContaining(["password-reset.issue", "password-reset.use"]),
    );
    expect(JSON.stringify(actions)).not.toContain(token);
  });

  it("expires a link after 30 minutes, cancels an earlier link when a new one is issued, and keeps forces apart", async () => {
    const person = await newPerson();
    const first = await issuePasswordReset(
      t.database.db,
      { user: { id: person.id, forceId: "force-a" }, issuedBy: null },
      clock,
    );
    const second = await issuePasswordReset(
      t.database.db,
      { user: { id: person.id, forceId: "force-a" }, issuedBy: null },
      clock,
    );
    await expect(
      redeemPasswordReset(t.database.db, { token: first.token, newPassword: "a fine passphrase" }, clock),
    ).rejects.toThrow(/expired or has already been used/);
    const later = new Date(clock.getTime() + 30 * 60_000 + 1);
    await expect(
      redeemPasswordReset(t.database.db, { token: second.token, newPassword: "a fine passphrase" }, later),
    ).rejects.toThrow(/expired or has already been used/);
    expect(
      await redeemPasswordReset(t.database.db, { token: second.token, newPassword: "a fine passphrase" }, clock),
    ).toBe(person.id);

    const otherForce = await admin.request("POST", `/api/admin/users/${t.people.officerB.id}/reset-links`);
    await expectProblem(otherForce, 404);
    const otherForceTemporary = await admin.put(`/api/admin/users/${t.people.officerB.id}/temporary-password`, {
      password: TEMPORARY,
    });
    await expectProblem(otherForceTemporary, 404);
  });

  it("lets an admin set a new temporary password, which ends the person's sessions and must be changed", async () => {
    const person = await newPerson();
    const { client } = await signedIn(person.email, TEMPORARY);
    expect(
      (await admin.put(`/api/admin/users/${person.id}/temporary-password`, { password: "second temporary one" }))
        .status,
    ).toBe(204);
    expect((await expectProblem(await client.get("/api/me/training"), 401)).type).toMatch(/password-changed$/);
    const { session } = await signedIn(person.email, "second temporary one");
    expect(session.user?.mustChangePassword).toBe(true);
    const list = await admin.get("/api/admin/users?limit=200");
    const listed = ((await list.json()) as { users: { id: string; mustChangePassword: boolean }[] }).users;
    expect(listed.find((user) => user.id === person.id)?.mustChangePassword).toBe(true);
  });

  it("says how long a throttled sign-in must wait in words", () => {
    expect(timeLeft(15 * 60_000)).toBe("about 15 minutes");
    expect(timeLeft(14 * 60_000 + 1)).toBe("about 15 minutes");
    expect(timeLeft(61_000)).toBe("about 2 minutes");
    expect(timeLeft(60_000)).toBe("about a minute");
    expect(timeLeft(30_500)).toBe("31 seconds");
    expect(timeLeft(10)).toBe("1 second");
  });
});
