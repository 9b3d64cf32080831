import { Link } from "../../routing/router";

/** Admin links shared by the admin pages. */
export function AdminLinks() {
  return (
    <nav aria-label="Admin" className="govuk-body">
      <ul className="govuk-list">
        <li>
          <Link to={{ name: "admin-users" }}>Users</Link>
        </li>
        <li>
          <Link to={{ name: "admin-units" }}>Units</Link>
        </li>
        <li>
          <Link to={{ name: "admin-sso" }}>Single sign-on</Link>
        </li>
        <li>
          <Link to={{ name: "admin-scim" }}>User provisioning (SCIM)</Link>
        </li>
        <li>
          <Link to={{ name: "admin-import", kind: "people" }}>Import people from HR</Link>
        </li>
        <li>
          <Link to={{ name: "admin-import", kind: "completions" }}>Import prior completions</Link>
        </li>
      </ul>
    </nav>
  );
}
