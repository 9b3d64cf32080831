import type { z } from "zod";
import { loadedContract, type Contract } from "../api/contract";

/**
 * Values kept for this tab by id: in memory, and in sessionStorage so a reload keeps them. What comes back
 * from storage is parsed with `schema`, so a stale or tampered entry reads as absent. Storage can be refused
 * (private browsing); the value then lasts until the tab reloads, which every user of this accepts.
 */
export function tabStore<T>(prefix: string, schemaOf: (contract: Contract) => z.ZodType<T>) {
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
        // Pages that read a stored value have called the API first, so the contract is there; were it not,
        // the entry reads as absent, the same as a stale one.
        const contract = loadedContract();
        const parsed = contract ? schemaOf(contract).safeParse(JSON.parse(raw)) : undefined;
        return parsed?.success ? parsed.data : undefined;
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
