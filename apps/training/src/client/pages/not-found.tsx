import { ProblemPage } from "../shell/status-pages";

/** Any address the app does not have. */
export function NotFoundPage() {
  return <ProblemPage problem={{ status: 404, title: "Page not found", fieldErrors: [] }} />;
}
