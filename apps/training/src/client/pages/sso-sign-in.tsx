import { useEffect, useState } from "react";
import { ButtonLink, ErrorSummary } from "@stalking-response/ui";
import type { z } from "zod";
import { identityPaths, SsoOutcomeSchema, SsoProvidersResponseSchema } from "../../shared/identity-api";
import type { SsoOutcome } from "../../shared/identity-api";
import { timeLeft } from "../../shared/text";
import { call } from "../api/client";

/**
 * Signing in with a force's own account (single sign-on). The sign-in page shows one "Sign in with {force}
 * account" button for each force that has set it up, above the password form: a deployment serves one force
 * or a handful working together, so a button per force is one step with nothing to choose from a list, and
 * its words say whose account to use. A force chooser would only pay off for dozens of forces.
 */

type Provider = z.infer<typeof SsoProvidersResponseSchema>["providers"][number];

/** What to tell someone the force's sign-in sent back, by the reason the server gave. */
const REFUSALS: Record<SsoOutcome, string> = {
  disabled:
    "Your account has been disabled, so you cannot sign in. If you think this is wrong, contact your force's training administrator.",
  "not-registered":
    "Your force account is not set up for training yet. Ask your force's training administrator to add you.",
  expired: "Signing in took too long, or was started in another browser window. Try again.",
  failed:
    "Your force's sign-in service could not confirm who you are. Try again; if it keeps happening, contact your IT service desk.",
  "no-sso": "That force does not sign in here with its own account. Sign in with your email address or collar number.",
  "rate-limited": "Too many sign-ins from your network. Try again in a few minutes.",
};

/** The wait in words for a `retry` of seconds; `null` when absent or not a sensible number. */
function waitOf(retry: string | null): string | null {
  const seconds = Number(retry);
  if (retry === null || !Number.isInteger(seconds) || seconds < 1 || seconds > 86_400) return null;
  return timeLeft(seconds * 1000);
}

/** Why the force's sign-in sent the person back here, from the page's `sso` parameter, or `null`. */
export function ssoRefusal(search: string): string | null {
  const params = new URLSearchParams(search);
  const outcome = SsoOutcomeSchema.safeParse(params.get("sso"));
  if (!outcome.success) return null;
  const wait = outcome.data === "rate-limited" ? waitOf(params.get("retry")) : null;
  return wait === null ? REFUSALS[outcome.data] : `Too many sign-ins from your network. Try again in ${wait}.`;
}

/** The error summary for a refused single sign-on. */
export function SsoRefusal({ message }: { message: string }) {
  return <ErrorSummary errors={[{ text: message }]} />;
}

/** A button per force with single sign-on, then the heading of the password form; nothing when none has it. */
export function SsoButtons({ next }: { next: string | undefined }) {
  const [providers, setProviders] = useState<Provider[]>([]);
  useEffect(() => {
    let live = true;
    void call("GET", identityPaths.ssoProviders, SsoProvidersResponseSchema).then((result) => {
      // Without the list the password form still works; nothing to report.
      if (live && result.ok) setProviders(result.data.providers);
    });
    return () => {
      live = false;
    };
  }, []);
  if (providers.length === 0) return null;
  const query = next === undefined ? "" : `?${new URLSearchParams({ next }).toString()}`;
  return (
    <>
      <p className="govuk-body">If your force has its own sign-in, use your force account.</p>
      <div className="govuk-button-group">
        {providers.map((provider) => (
          <ButtonLink
            key={provider.forceId}
            href={`${identityPaths.ssoStart.replace(":forceId", encodeURIComponent(provider.forceId))}${query}`}
          >
            Sign in with {provider.label} account
          </ButtonLink>
        ))}
      </div>
      <h2 className="govuk-heading-m">Or sign in with a password</h2>
    </>
  );
}
