import { useState } from "react";
import { signOut } from "../api/endpoints";
import { navigate } from "../routing/router";
import { useSession } from "../session/session";

/**
 * Sign out is a write (it ends the session on the server), so it is a button, not a link that a
 * prefetcher could follow. It looks like the other menu items.
 */
export function SignOutButton() {
  const { setUser } = useSession();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className="govuk-link govuk-link--no-visited-state app-link-button"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          setFailure(null);
          void signOut().then((result) => {
            setBusy(false);
            // A 401 means the session had already ended: the officer is signed out either way.
            if (result.ok || result.problem.status === 401) {
              setUser(null);
              navigate({ name: "signed-out" });
            } else {
              // Saying "signed out" while the session is still live would be unsafe on a shared device.
              setFailure(`You are still signed in. ${result.problem.title}`);
            }
          });
        }}
      >
        Sign out
      </button>
      <span role="alert" className="app-sign-out-error">
        {failure}
      </span>
    </>
  );
}
