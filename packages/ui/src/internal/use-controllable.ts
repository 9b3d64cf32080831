import { useCallback, useState } from "react";

/**
 * State that the parent may own: with `value` the component is controlled and only reports
 * changes; without it the component keeps its own state, starting from `defaultValue`.
 */
export function useControllable<T>(value: T | undefined, defaultValue: T): [T, (next: T) => void] {
  const [own, setOwn] = useState(defaultValue);
  const controlled = value !== undefined;
  const set = useCallback(
    (next: T) => {
      if (!controlled) setOwn(next);
    },
    [controlled],
  );
  return [controlled ? value : own, set];
}
