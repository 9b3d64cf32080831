import { useCallback, useEffect, useState } from "react";
import type { ApiResult } from "./client";
import type { Problem } from "./problem";

/** What a page knows about data it asked for. */
export type Resource<T> = { state: "loading" } | { state: "ready"; data: T } | { state: "failed"; problem: Problem };

/**
 * Loads data for a page and reloads when `key` changes. Answers that arrive after the page has moved on
 * are dropped, so a slow answer for one module can never render under another's heading.
 */
export function useResource<T>(key: string, load: () => Promise<ApiResult<T>>): [Resource<T>, (data: T) => void] {
  const [resource, setResource] = useState<{ key: string; value: Resource<T> }>({ key, value: { state: "loading" } });
  useEffect(() => {
    let live = true;
    void load().then((result) => {
      if (!live) return;
      setResource({
        key,
        value: result.ok ? { state: "ready", data: result.data } : { state: "failed", problem: result.problem },
      });
    });
    return () => {
      live = false;
    };
    // `load` is recreated each render; `key` is what identifies the data.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  const replace = useCallback((data: T) => setResource({ key, value: { state: "ready", data } }), [key]);
  return [resource.key === key ? resource.value : { state: "loading" }, replace];
}
