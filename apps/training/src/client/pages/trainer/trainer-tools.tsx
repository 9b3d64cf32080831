import { Link } from "../../routing/router";
import type { Route } from "../../routing/routes";

/**
 * The trainer's tools as one list of links, the same on the overview and the records page; the page it is on is
 * left out. On the records page, the charts link keeps the records' filter.
 */
export function TrainerTools({
  from,
  chartsQuery = "",
  className = "govuk-list",
}: {
  from: "overview" | "records";
  chartsQuery?: string;
  className?: string;
}) {
  const tools: [Route, string][] = [
    from === "records" ? [{ name: "trainer-overview" }, "Overview"] : [{ name: "trainer-grid" }, "Training records"],
    [
      chartsQuery === "" ? { name: "trainer-charts" } : { name: "trainer-charts", query: chartsQuery },
      from === "records" ? "Charts for this filter" : "Charts",
    ],
    [{ name: "trainer-evidence" }, "Evidence against the action plan"],
    [{ name: "trainer-assignments" }, "Assignments"],
    [{ name: "trainer-content-changes" }, "Content changes to renew"],
    [{ name: "trainer-course-packages" }, "Courses for other learning platforms (SCORM and cmi5)"],
  ];
  return (
    <ul className={className} aria-label="Trainer tools">
      {tools.map(([to, text]) => (
        <li key={text}>
          <Link to={to}>{text}</Link>
        </li>
      ))}
    </ul>
  );
}
