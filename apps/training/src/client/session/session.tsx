import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import type { SessionUser } from "../../shared/api";
import { onUnauthorised, type SignedOutBecause } from "../api/client";
import { getSession } from "../api/endpoints";
import type { Problem } from "../api/problem";
import { navigate } from "../routing/router";
import { forgetModules } from "../training/module-store";

/** What the app knows about who is signed in. */
export type SessionState =
  | { state: "loading" }
  | { state: "failed"; problem: Problem }
  | { state: "signed-out"; because?: SignedOutBecause }
  | { state: "signed-in"; user: SessionUser };

type SessionContextValue = { session: SessionState; setUser: (user: SessionUser | null) => void };

const SessionContext = createContext<SessionContextValue | null>(null);

/** Loads the session once, and drops it when the server says it has expired. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionState>({ state: "loading" });

  useEffect(() => {
    let live = true;
    void getSession().then((result) => {
      if (!live) return;
      if (!result.ok) setSession({ state: "failed", problem: result.problem });
      else if (result.data.user) setSession({ state: "signed-in", user: result.data.user });
      else {
        const because = result.data.signedOutBecause;
        setSession(because ? { state: "signed-out", because } : { state: "signed-out" });
      }
    });
    const stop = onUnauthorised((because) => {
      // A page's requests run side by side and only the first is told why the session ended (the server then
      // forgets it); the plain 401s of the others must not wipe that reason out.
      setSession((previous) =>
        because
          ? { state: "signed-out", because }
          : previous.state === "signed-out" && previous.because
            ? previous
            : { state: "signed-out" },
      );
      // Come back to the same page after signing in again, so an expired session costs no progress.
      navigate({ name: "sign-in", next: location.pathname }, { replace: true });
    });
    return () => {
      live = false;
      stop();
    };
  }, []);

  const value = useMemo<SessionContextValue>(
    () => ({
      session,
      setUser: (user) => {
        // Whoever signs in next on this device must not see the previous officer's progress or answers.
        forgetModules();
        sessionStorage.clear();
        setSession(user ? { state: "signed-in", user } : { state: "signed-out" });
      },
    }),
    [session],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The session and a way to change it after signing in or out. */
export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession must be used inside SessionProvider");
  return value;
}

/** The signed-in officer; only pages behind the sign-in guard call this. */
export function useUser(): SessionUser {
  const { session } = useSession();
  if (session.state !== "signed-in") throw new Error("useUser called on a page that does not require sign-in");
  return session.user;
}
