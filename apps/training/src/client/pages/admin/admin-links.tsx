import { Link } from "../../routing/router";
import type { Route } from "../../routing/routes";

const pages: ReadonlyArray<[Route, string]> = [
  [{ name: "admin-users" }, "Users"],
  [{ name: "admin-units" }, "Units"],
  [{ name: "admin-import", kind: "people" }, "Import people from HR"],
  [{ name: "admin-import", kind: "completions" }, "Import prior completions"],
  [{ name: "admin-sso" }, "Single sign-on"],
  [{ name: "admin-scim" }, "User provisioning (SCIM)"],
  [{ name: "admin-jobs" }, "Job queue and failed emails"],
  [{ name: "admin-lrs" }, "Learning records: xAPI clients and forwarding"],
];

const keyOf = (route: Route) => ("kind" in route ? `${route.name}:${route.kind}` : route.name);

/** The admin area's pages as one list of links, the same on each of them; the page it is on is left out. */
export function AdminLinks({ current }: { current?: Route }) {
  const here = current === undefined ? null : keyOf(current);
  return (
    <nav aria-label="Admin" className="govuk-body">
      <ul className="govuk-list">
        {pages
          .filter(([to]) => keyOf(to) !== here)
          .map(([to, text]) => (
            <li key={keyOf(to)}>
              <Link to={to}>{text}</Link>
            </li>
          ))}
      </ul>
    </nav>
  );
}
