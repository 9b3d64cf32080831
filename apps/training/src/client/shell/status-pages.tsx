import type { Problem } from "../api/problem";
import { Link } from "../routing/router";
import { PageHeading, useDocumentTitle } from "./page";

/** Shown while a page's data is on its way; announced politely so screen reader users know to wait. */
export function LoadingPage() {
  return (
    <p className="govuk-body" role="status">
      Loading…
    </p>
  );
}

/** A page that could not load: names what went wrong and what the officer can do next. */
export function ProblemPage({ problem }: { problem: Problem }) {
  const heading = problem.status === 404 ? "Page not found" : problem.title;
  useDocumentTitle(heading);
  return (
    <>
      <PageHeading>{heading}</PageHeading>
      {problem.status === 404 ? (
        <p className="govuk-body">
          If you typed the web address, check it is correct. If you pasted it, check you copied the entire address.
        </p>
      ) : problem.detail === undefined ? null : (
        <p className="govuk-body">{problem.detail}</p>
      )}
      <p className="govuk-body">
        <Link to={{ name: "my-training" }}>Go to my training</Link>
      </p>
    </>
  );
}
