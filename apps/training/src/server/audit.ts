import type { Db } from "./db/client";
import { auditLog } from "./db/schema";

/** Records who did what; `details` must never hold passwords or free-text personal data. */
export async function audit(
  db: Db,
  entry: {
    forceId: string | null;
    actorUserId: string | null;
    action: string;
    subject?: string | null;
    details?: Record<string, unknown>;
  },
): Promise<void> {
  await db.insert(auditLog).values({
    forceId: entry.forceId,
    actorUserId: entry.actorUserId,
    action: entry.action,
    subject: entry.subject ?? null,
    details: entry.details ?? {},
  });
}
