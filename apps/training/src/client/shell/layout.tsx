import type { ReactNode } from "react";
import { Footer, Header, PhaseBanner, SkipLink } from "@stalking-response/ui";
import { useIsTrainer } from "../pages/trainer/trainer-only";
import { linkTo, useRoute } from "../routing/router";
import type { Route } from "../routing/routes";
import { useSession } from "../session/session";
import { serviceName } from "./page";

/**
 * The page template: skip link, the generic (unbranded) header with the service name and menu, the phase
 * banner, the main landmark and our own footer. Police forces are not GOV.UK, so there is no crown and no
 * GOV.UK logotype or licence text anywhere.
 */
export function Layout({ signedIn, children }: { signedIn: boolean; children: ReactNode }) {
  const { route } = useRoute();
  const isTrainer = useIsTrainer();
  const { session } = useSession();
  // A temporary password opens nothing but changing it, so the menu offers nothing else.
  const temporary = session.state === "signed-in" && session.user.mustChangePassword;
  const home = linkTo({ name: "my-training" });
  const item = (to: Route, text: string, current: boolean) => {
    const { href, onClick } = linkTo(to);
    return { href, onClick, text, current };
  };
  // The records grid is a wide table with its filters beside it: it gets the width of the screen.
  const width =
    route.name === "trainer-grid" ? "govuk-width-container app-width-container--wide" : "govuk-width-container";
  return (
    <>
      <SkipLink />
      <Header
        logo={serviceName}
        homepageUrl={home.href}
        onHomepageClick={home.onClick}
        navigation={
          signedIn && temporary
            ? [item({ name: "sign-out" }, "Sign out", false)]
            : signedIn
              ? [
                  item({ name: "my-training" }, "My training", route.name === "my-training"),
                  ...(isTrainer
                    ? [
                        item(
                          { name: "trainer-grid" },
                          "Training records",
                          route.name === "trainer-grid" ||
                            route.name === "trainer-overview" ||
                            route.name === "trainer-learner" ||
                            route.name === "trainer-charts",
                        ),
                        item(
                          { name: "certificate-lookup" },
                          "Check a certificate",
                          route.name === "certificate-lookup" || route.name === "certificate-check",
                        ),
                      ]
                    : []),
                  ...(session.state === "signed-in" && session.user.role === "admin"
                    ? [item({ name: "admin-users" }, "Admin", route.name.startsWith("admin-"))]
                    : []),
                  item({ name: "change-password" }, "Change password", route.name === "change-password"),
                  item({ name: "sign-out" }, "Sign out", false),
                ]
              : []
        }
      >
        {/* Inside the header landmark, so nothing on the page sits outside one (axe `region`). */}
        <div className={width}>
          <PhaseBanner tag="Beta">
            This is a new service. If something is wrong or unclear, tell your force&apos;s training team.
          </PhaseBanner>
        </div>
      </Header>
      <div className={width}>
        <main className="govuk-main-wrapper" id="main-content">
          {children}
        </main>
      </div>
      <Footer
        links={[
          item({ name: "certificate-lookup" }, "Check a certificate", false),
          item({ name: "accessibility" }, "Accessibility statement", false),
        ]}
        contentLicence="Training content covers England and Wales unless a lesson says otherwise, and each fact names its source."
        copyright="Stalking Response Toolkit, open source under the MIT licence"
      />
    </>
  );
}
