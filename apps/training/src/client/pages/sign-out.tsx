import { useEffect, useState } from "react";
import { Button } from "@stalking-response/ui";
import type { ApiResult } from "../api/client";
import { signOut } from "../api/endpoints";
import { Link } from "../routing/router";
import { useSession } from "../session/session";
import { PageHeading, useDocumentTitle } from "../shell/page";
import { LoadingPage } from "../shell/status-pages";

// One request per visit, even though React may run the effect twice while developing.
let inFlight: Promise<ApiResult<unknown>> | null = null;

/**
 * "Sign out" in the menu is a link to this page, which ends the session on the server and then says so.
 * Saying "signed out" while the session is still live would be unsafe on a shared station computer, so a
 * failure is shown as a failure, with a way to try again.
 */
export function SignOutPage() {
  const { session, setUser } = useSession();
  const signedIn = session.state === "signed-in";
  const [failure, setFailure] = useState<string | null>(null);
  const [tries, setTries] = useState(0);

  useEffect(() => {
    if (!signedIn) return;
    let live = true;
    inFlight ??= signOut();
    void inFlight.then((result) => {
      inFlight = null;
      if (!live) return;
      // A 401 means the session had already ended: the officer is signed out either way.
      if (result.ok || result.problem.status === 401) setUser(null);
      else setFailure(result.problem.title);
    });
    return () => {
      live = false;
    };
  }, [signedIn, setUser, tries]);

  const heading = failure !== null ? "You are still signed in" : signedIn ? "Signing you out" : "You have signed out";
  useDocumentTitle(heading, failure !== null);
  if (signedIn && failure === null) return <LoadingPage />;
  if (failure !== null) {
    return (
      <>
        <PageHeading>{heading}</PageHeading>
        <p className="govuk-body">{failure}</p>
        <Button
          type="button"
          onClick={() => {
            setFailure(null);
            setTries((count) => count + 1);
          }}
        >
          Try signing out again
        </Button>
      </>
    );
  }
  return (
    <>
      <PageHeading>{heading}</PageHeading>
      <p className="govuk-body">Your progress is saved. You can carry on from any device when you sign in again.</p>
      <p className="govuk-body">
        <Link to={{ name: "sign-in" }}>Sign in again</Link>
      </p>
    </>
  );
}
