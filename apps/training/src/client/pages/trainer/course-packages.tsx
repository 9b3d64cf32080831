import type { CoursePackageEntry, CoursePackageStandard } from "../../../shared/trainer-api";
import { useResource } from "../../api/use-resource";
import { PageHeading, useDocumentTitle } from "../../shell/page";
import { LoadingPage, ProblemPage } from "../../shell/status-pages";
import { getCoursePackages } from "./trainer-endpoints";

const sections: { standard: CoursePackageStandard; heading: string; intro: string }[] = [
  {
    standard: "scorm12",
    heading: "SCORM 1.2",
    intro:
      "Every platform forces use imports SCORM 1.2: Moodle, Totara, Cornerstone and College Learn-type platforms. Offer this first.",
  },
  {
    standard: "cmi5",
    heading: "cmi5",
    intro:
      "For platforms that take cmi5 courses and keep xAPI statements in a learning record store. Moodle needs a separate cmi5 plugin.",
  },
];

/**
 * The course and each module as SCORM 1.2 and cmi5 zips, for forces that keep mandatory training in their own
 * learning platform. The server builds each package from the same content this app teaches.
 */
export function CoursePackagesPage() {
  const [resource] = useResource("trainer-course-packages", getCoursePackages);
  useDocumentTitle("Courses for other learning platforms");
  if (resource.state === "loading") return <LoadingPage />;
  if (resource.state === "failed") return <ProblemPage problem={resource.problem} />;
  const { packages } = resource.data;
  return (
    <>
      <PageHeading>Courses for other learning platforms</PageHeading>
      <p className="govuk-body">
        Download the training as a package to load into your force&apos;s own learning platform. Each package has the
        same lessons, knowledge check, 80% pass mark and sources as this app.
      </p>
      <div className="govuk-warning-text">
        <span className="govuk-warning-text__icon" aria-hidden="true">
          !
        </span>
        <strong className="govuk-warning-text__text">
          <span className="govuk-visually-hidden">Warning</span>
          The answers to the knowledge check are inside each package, because a package marks in the learner&apos;s
          browser. Share packages only with your platform&apos;s administrators, and download them again after each
          content update: the version is in the file name.
        </strong>
      </div>
      <p className="govuk-body">
        Learners&apos; results then stay in that platform, not in this app. A pass counts for 12 months, so set the
        platform to ask learners to retake each module every year.
      </p>
      {sections.map((section) => (
        <PackageList key={section.standard} {...section} packages={packages} />
      ))}
    </>
  );
}

function PackageList(props: {
  standard: CoursePackageStandard;
  heading: string;
  intro: string;
  packages: CoursePackageEntry[];
}) {
  const entries = props.packages.filter((entry) => entry.standard === props.standard);
  return (
    <>
      <h2 className="govuk-heading-m">{props.heading}</h2>
      <p className="govuk-body">{props.intro}</p>
      <ul className="govuk-list">
        {entries.map((entry) => (
          <li key={entry.href}>
            <a className="govuk-link" href={entry.href} download>
              {entry.title}
            </a>{" "}
            <span className="govuk-body-s">(ZIP, version {entry.version})</span>
          </li>
        ))}
      </ul>
    </>
  );
}
