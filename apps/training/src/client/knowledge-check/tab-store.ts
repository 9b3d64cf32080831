import type { z } from "zod";

/**
 * Values kept for this tab by id: in memory, and in sessionStorage so a reload keeps them. What comes back
 * from storage is parsed with `schema`, so a stale or tampered entry reads as absent. Storage can be refused
 * (private browsing); the value then lasts until the tab reloads, which every user of this accepts.
 */
export function tabStore<T>(prefix: string, schema: z.ZodType<T>) {
  const memory = new Map<string, T>();
  const key = (id: string) => `${prefix}:${id}`;
  return {
    keep(id: string, value: T) {
      memory.set(id, value);
      try {
        sessionStorage.setItem(key(id), JSON.stringify(value));
      } catch {
        // Kept in memory only.
      }
    },
    read(id: string): T | undefined {
      const held = memory.get(id);
      if (held !== undefined) return held;
      try {
        const raw = sessionStorage.getItem(key(id));
        if (raw === null) return undefined;
        const parsed = schema.safeParse(JSON.parse(raw));
        return parsed.success ? parsed.data : undefined;
      } catch {
        return undefined;
      }
    },
    forget(id: string) {
      memory.delete(id);
      try {
        sessionStorage.removeItem(key(id));
      } catch {
        // Nothing was stored.
      }
    },
  };
}
