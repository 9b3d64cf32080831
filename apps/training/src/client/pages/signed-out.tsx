import { Link } from "../routing/router";
import { PageHeading, useDocumentTitle } from "../shell/page";

/** Confirms the session has ended, which matters on a shared station computer. */
export function SignedOutPage() {
  useDocumentTitle("You have signed out");
  return (
    <>
      <PageHeading>You have signed out</PageHeading>
      <p className="govuk-body">Your progress is saved. You can carry on from any device when you sign in again.</p>
      <p className="govuk-body">
        <Link to={{ name: "sign-in" }}>Sign in again</Link>
      </p>
    </>
  );
}
