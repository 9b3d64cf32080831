import { Link } from "../../routing/router";
import type { Route } from "../../routing/routes";

type AdminPage = "admin-users" | "admin-units" | "admin-jobs";

/** The admin area's pages as one list of links, the same on each of them; the page it is on is left out. */
export function AdminAreaLinks({ current }: { current: AdminPage }) {
  const pages: [Route & { name: AdminPage }, string][] = [
    [{ name: "admin-users" }, "Users"],
    [{ name: "admin-units" }, "Units"],
    [{ name: "admin-jobs" }, "Job queue and failed emails"],
  ];
  return (
    <ul className="govuk-list" aria-label="Admin pages">
      {pages
        .filter(([to]) => to.name !== current)
        .map(([to, text]) => (
          <li key={to.name}>
            <Link to={to}>{text}</Link>
          </li>
        ))}
    </ul>
  );
}
