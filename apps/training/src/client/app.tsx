import { Fragment, lazy, Suspense, useEffect } from "react";
import { useRoute, navigate } from "./routing/router";
import type { Route } from "./routing/routes";
import { useSession } from "./session/session";
import { Layout } from "./shell/layout";
import { ProblemPage, LoadingPage } from "./shell/status-pages";
import { SignOutPage } from "./pages/sign-out";
import { AccessibilityPage } from "./pages/accessibility";
import { MyTrainingPage } from "./pages/my-training";
import { ModulePage } from "./pages/module";
import { LessonPage } from "./pages/lesson";
import { KnowledgeCheckStartPage } from "./pages/knowledge-check-start";
import { QuestionPage } from "./pages/question";
import { CheckAnswersPage } from "./pages/check-answers";
import { ResultPage } from "./pages/result";
import { NotFoundPage } from "./pages/not-found";
import { TrainerOnly } from "./pages/trainer/trainer-only";

// Pages whose code loads when first opened. The officer's first load carries only the officer's journey;
// trainer pages, certificates (with the QR code library) and the practice screening (with the screening
// machine and its wizard) are fetched by those who open them.
// Signing in (with single sign-on's schemas) and the account pages are not on a signed-in officer's way.
// Admin screens load only for admins, like the trainer pages: the officer's first load carries neither.
const AdminOnly = lazy(() => import("./pages/admin/units").then((loaded) => ({ default: loaded.AdminOnly })));
const AdminUnitPage = lazy(() => import("./pages/admin/units").then((loaded) => ({ default: loaded.AdminUnitPage })));
const AdminUnitsPage = lazy(() => import("./pages/admin/units").then((loaded) => ({ default: loaded.AdminUnitsPage })));
const NewUnitPage = lazy(() => import("./pages/admin/units").then((loaded) => ({ default: loaded.NewUnitPage })));
const AdminUserPage = lazy(() => import("./pages/admin/users").then((loaded) => ({ default: loaded.AdminUserPage })));
const AdminUsersPage = lazy(() => import("./pages/admin/users").then((loaded) => ({ default: loaded.AdminUsersPage })));
const AdminImportPage = lazy(() =>
  import("./pages/admin/imports").then((loaded) => ({ default: loaded.AdminImportPage })),
);
const NewUserPage = lazy(() => import("./pages/admin/users").then((loaded) => ({ default: loaded.NewUserPage })));
const AdminSsoPage = lazy(() => import("./pages/admin/sso").then((loaded) => ({ default: loaded.AdminSsoPage })));
const AdminScimPage = lazy(() => import("./pages/admin/sso").then((loaded) => ({ default: loaded.AdminScimPage })));
const AdminJobsPage = lazy(() => import("./pages/admin/jobs").then((loaded) => ({ default: loaded.AdminJobsPage })));
const AdminLrsPage = lazy(() => import("./pages/admin/lrs").then((loaded) => ({ default: loaded.AdminLrsPage })));
const SignInPage = lazy(() => import("./pages/sign-in").then((loaded) => ({ default: loaded.SignInPage })));
const ChangePasswordPage = lazy(() =>
  import("./pages/account/change-password").then((loaded) => ({ default: loaded.ChangePasswordPage })),
);
const ResetPasswordPage = lazy(() =>
  import("./pages/account/reset-password").then((loaded) => ({ default: loaded.ResetPasswordPage })),
);
const ForgottenPasswordPage = lazy(() =>
  import("./pages/account/forgotten-password").then((loaded) => ({ default: loaded.ForgottenPasswordPage })),
);
const PracticeScreeningPage = lazy(() =>
  import("./pages/practice-screening").then((loaded) => ({ default: loaded.PracticeScreeningPage })),
);
const CertificatePage = lazy(() =>
  import("./pages/certificate").then((loaded) => ({ default: loaded.CertificatePage })),
);
const CertificateLookupPage = lazy(() =>
  import("./pages/certificate-check").then((loaded) => ({ default: loaded.CertificateLookupPage })),
);
const CertificateCheckPage = lazy(() =>
  import("./pages/certificate-check").then((loaded) => ({ default: loaded.CertificateCheckPage })),
);
const AssignmentsPage = lazy(() =>
  import("./pages/trainer/assignments").then((loaded) => ({ default: loaded.AssignmentsPage })),
);
const AssignPage = lazy(() => import("./pages/trainer/assignments").then((loaded) => ({ default: loaded.AssignPage })));
const LearnerRecordPage = lazy(() =>
  import("./pages/trainer/learner-record").then((loaded) => ({ default: loaded.LearnerRecordPage })),
);
const ContentChangesPage = lazy(() =>
  import("./pages/trainer/content-changes").then((loaded) => ({ default: loaded.ContentChangesPage })),
);
const TrainerOverviewPage = lazy(() =>
  import("./pages/trainer/trainer-overview").then((loaded) => ({ default: loaded.TrainerOverviewPage })),
);
const CoursePackagesPage = lazy(() =>
  import("./pages/trainer/course-packages").then((loaded) => ({ default: loaded.CoursePackagesPage })),
);
const TrainerChartsPage = lazy(() =>
  import("./pages/trainer/trainer-charts").then((loaded) => ({ default: loaded.TrainerChartsPage })),
);
const TrainerEvidencePage = lazy(() =>
  import("./pages/trainer/trainer-evidence").then((loaded) => ({ default: loaded.TrainerEvidencePage })),
);
const TrainerGridPage = lazy(() =>
  import("./pages/trainer/trainer-grid").then((loaded) => ({ default: loaded.TrainerGridPage })),
);

const publicRoutes = new Set<Route["name"]>([
  "sign-in",
  "sign-out",
  "reset-password",
  "forgotten-password",
  "accessibility",
  "certificate-lookup",
  "certificate-check",
  "not-found",
]);
// All a person with a temporary password may open until they change it (the server refuses the rest).
const temporaryPasswordRoutes = new Set<Route["name"]>(["change-password", "sign-out", "accessibility"]);

/** The single-page app: session, guard, shell and the page for the current route. */
export function App() {
  const { key, route } = useRoute();
  const { session } = useSession();
  const signedIn = session.state === "signed-in";
  const mustSignIn = session.state === "signed-out" && !publicRoutes.has(route.name);
  const alreadySignedIn = signedIn && route.name === "sign-in";
  const mustChangePassword =
    session.state === "signed-in" &&
    session.user.mustChangePassword &&
    !temporaryPasswordRoutes.has(route.name) &&
    !alreadySignedIn;

  useEffect(() => {
    if (mustSignIn) navigate({ name: "sign-in", next: location.pathname }, { replace: true, focus: false });
    else if (alreadySignedIn)
      navigate(route.name === "sign-in" && route.next ? route.next : "/training", { replace: true });
    else if (mustChangePassword) navigate({ name: "change-password" }, { replace: true });
  }, [mustSignIn, alreadySignedIn, mustChangePassword, route]);

  let page;
  if (session.state === "loading" || mustSignIn || alreadySignedIn || mustChangePassword) page = <LoadingPage />;
  else if (session.state === "failed") page = <ProblemPage problem={session.problem} />;
  else
    page = (
      <Suspense fallback={<LoadingPage />}>
        <CurrentPage route={route} />
      </Suspense>
    );
  // Keying by location remounts the page, so each navigation starts with fresh state and takes focus.
  return (
    <Layout signedIn={signedIn}>
      <Fragment key={key}>{page}</Fragment>
    </Layout>
  );
}

function CurrentPage({ route }: { route: Route }) {
  switch (route.name) {
    case "sign-in":
      return <SignInPage next={route.next} />;
    case "sign-out":
      return <SignOutPage />;
    case "change-password":
      return <ChangePasswordPage />;
    case "reset-password":
      return <ResetPasswordPage />;
    case "forgotten-password":
      return <ForgottenPasswordPage />;
    case "accessibility":
      return <AccessibilityPage />;
    case "my-training":
      return <MyTrainingPage />;
    case "module":
      return <ModulePage moduleId={route.moduleId} />;
    case "lesson":
      return <LessonPage moduleId={route.moduleId} lessonId={route.lessonId} />;
    case "practice-screening":
      return <PracticeScreeningPage moduleId={route.moduleId} lessonId={route.lessonId} step={route.step} />;
    case "knowledge-check":
      return <KnowledgeCheckStartPage moduleId={route.moduleId} />;
    case "question":
      return (
        <QuestionPage
          moduleId={route.moduleId}
          number={route.number}
          fromCheckAnswers={route.fromCheckAnswers === true}
        />
      );
    case "check-answers":
      return <CheckAnswersPage moduleId={route.moduleId} />;
    case "result":
      return <ResultPage moduleId={route.moduleId} attemptId={route.attemptId} />;
    case "certificate":
      return <CertificatePage certificateId={route.certificateId} />;
    case "certificate-lookup":
      return <CertificateLookupPage />;
    case "certificate-check":
      return <CertificateCheckPage certificateId={route.certificateId} />;
    case "trainer-grid":
      return (
        <TrainerOnly>
          <TrainerGridPage query={route.query} />
        </TrainerOnly>
      );
    case "trainer-charts":
      return (
        <TrainerOnly>
          <TrainerChartsPage query={route.query} />
        </TrainerOnly>
      );
    case "trainer-evidence":
      return (
        <TrainerOnly>
          <TrainerEvidencePage />
        </TrainerOnly>
      );
    case "trainer-assignments":
      return (
        <TrainerOnly>
          <AssignmentsPage />
        </TrainerOnly>
      );
    case "trainer-course-packages":
      return (
        <TrainerOnly>
          <CoursePackagesPage />
        </TrainerOnly>
      );
    case "trainer-overview":
      return (
        <TrainerOnly>
          <TrainerOverviewPage />
        </TrainerOnly>
      );
    case "trainer-content-changes":
      return (
        <TrainerOnly>
          <ContentChangesPage />
        </TrainerOnly>
      );
    case "trainer-assign":
      return (
        <TrainerOnly>
          <AssignPage step={route.step} fromCheck={route.fromCheck === true} />
        </TrainerOnly>
      );
    case "trainer-learner":
      return (
        <TrainerOnly>
          <LearnerRecordPage userId={route.userId} />
        </TrainerOnly>
      );
    case "admin-users":
      return (
        <AdminOnly>
          <AdminUsersPage query={route.query} />
        </AdminOnly>
      );
    case "admin-user-new":
      return (
        <AdminOnly>
          <NewUserPage />
        </AdminOnly>
      );
    case "admin-user":
      return (
        <AdminOnly>
          <AdminUserPage userId={route.userId} />
        </AdminOnly>
      );
    case "admin-units":
      return (
        <AdminOnly>
          <AdminUnitsPage />
        </AdminOnly>
      );
    case "admin-unit-new":
      return (
        <AdminOnly>
          <NewUnitPage />
        </AdminOnly>
      );
    case "admin-unit":
      return (
        <AdminOnly>
          <AdminUnitPage unitId={route.unitId} />
        </AdminOnly>
      );
    case "admin-sso":
      return (
        <AdminOnly>
          <AdminSsoPage />
        </AdminOnly>
      );
    case "admin-scim":
      return (
        <AdminOnly>
          <AdminScimPage />
        </AdminOnly>
      );
    case "admin-import":
      return (
        <AdminOnly>
          <AdminImportPage key={route.kind} kind={route.kind} />
        </AdminOnly>
      );
    case "admin-jobs":
      return (
        <AdminOnly>
          <AdminJobsPage />
        </AdminOnly>
      );
    case "admin-lrs":
      return (
        <AdminOnly>
          <AdminLrsPage />
        </AdminOnly>
      );
    case "not-found":
      return <NotFoundPage />;
  }
}
