import { useState } from "react";
import { Button, NotificationBanner } from "@stalking-response/ui";
import { dismissNotifications, getMyNotifications } from "../api/endpoints";
import { useResource } from "../api/use-resource";
import { Link } from "../routing/router";
import { parseRoute } from "../routing/routes";

/**
 * The person's unread notices (new assignment, due soon, overdue, renewal, content changed, certificate
 * issued) in a GOV.UK notification banner, each a link to what it is about. Dismissing marks exactly the
 * notices shown read on the server, so they stay dismissed on every device and one that arrived since is
 * not hidden unseen. A banner that fails to load is left out: the page's own content says the same things.
 */
export function NoticesBanner() {
  const [notices] = useResource("my-notifications", getMyNotifications);
  const [dismissed, setDismissed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  if (notices.state !== "ready" || dismissed) return null;
  const unread = notices.data.items.filter((item) => !item.read);
  if (unread.length === 0) return null;
  const dismiss = async () => {
    setBusy(true);
    const result = await dismissNotifications(unread.map((item) => item.id));
    setBusy(false);
    if (!result.ok) return setFailed(true);
    // The banner goes; focus goes to the page's heading rather than being lost with the button.
    const heading = document.querySelector<HTMLElement>("main h1");
    heading?.setAttribute("tabindex", "-1");
    heading?.focus();
    setDismissed(true);
  };
  return (
    <NotificationBanner
      title="Important"
      heading={unread.length === 1 ? "You have a new notice" : `You have ${unread.length} new notices`}
    >
      <ul className="govuk-list govuk-list--bullet">
        {unread.map((item) => (
          <li key={item.id}>
            <Link to={parseRoute(item.href)} className="govuk-notification-banner__link">
              {item.title}
            </Link>
          </li>
        ))}
      </ul>
      {failed ? (
        <p className="govuk-body" role="alert">
          The notices could not be dismissed. Try again.
        </p>
      ) : null}
      <Button
        type="button"
        variant="secondary"
        className="govuk-!-margin-bottom-0"
        disabled={busy}
        onClick={() => void dismiss()}
      >
        Dismiss {unread.length === 1 ? "this notice" : "these notices"}
      </Button>
    </NotificationBanner>
  );
}
