import type { ReactNode } from "react";
import { Link } from "../../routing/router";
import { useSession } from "../../session/session";
import { PageHeading, useDocumentTitle } from "../../shell/page";

/** Whether the signed-in person may open the trainer pages (the server checks this again on every call). */
export function useIsTrainer(): boolean {
  const { session } = useSession();
  return session.state === "signed-in" && (session.user.role === "trainer" || session.user.role === "admin");
}

/**
 * Shows trainer pages to trainers and admins only. The API refuses officers anyway; this spares an officer
 * a page of failed requests and tells them plainly why.
 */
export function TrainerOnly({ children }: { children: ReactNode }) {
  return useIsTrainer() ? <>{children}</> : <NoAccessPage />;
}

function NoAccessPage() {
  useDocumentTitle("You do not have access");
  return (
    <>
      <PageHeading>You do not have access</PageHeading>
      <p className="govuk-body">Only trainers and training managers can see training records.</p>
      <p className="govuk-body">
        <Link to={{ name: "my-training" }}>Go to my training</Link>
      </p>
    </>
  );
}
