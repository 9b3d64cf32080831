import { useEffect, useRef, useState, type MouseEvent } from "react";
import { Button } from "@stalking-response/ui";
import type { Problem } from "../../api/problem";
import { fetchCsvExport, progressText, throttle } from "./csv-export";

/** How often the live status text may change while an export runs: often enough to follow, not to flood. */
export const ANNOUNCE_EVERY_MS = 5_000;
/** How often the progress bar is redrawn. */
const REDRAW_EVERY_MS = 200;

type Running = { rows: number; controller: AbortController };

/** Whether this browser can read a download as a stream and save it from memory; if not, the link just downloads. */
const canStream = () =>
  typeof ReadableStream !== "undefined" && typeof TextDecoder !== "undefined" && "createObjectURL" in URL;

/** Saves a Blob under a file name, as the browser saves a download. */
function save(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement("a");
  anchor.href = url;
  anchor.download = filename;
  anchor.hidden = true;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // The download has taken its copy by then; revoking at once can cancel it in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * The grid's CSV export link with progress. It stays a real link to the streamed export (so opening it in a
 * new tab, saving it, or a browser without streams all still download the file); an ordinary click instead
 * fetches the stream, counts rows against `total` (the grid's count of people, one row each) in a progress
 * bar and a polite live status throttled to {@link ANNOUNCE_EVERY_MS}, then saves the file. A failure goes to
 * `onProblem`, for the page's error summary.
 */
export function CsvExportLink({
  id,
  href,
  total,
  onProblem,
}: {
  id: string;
  href: string;
  total: number;
  onProblem: (problem: Problem | null) => void;
}) {
  const [running, setRunning] = useState<Running | null>(null);
  const [status, setStatus] = useState("");
  const current = useRef<AbortController | null>(null);
  const link = useRef<HTMLAnchorElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  // When the progress panel goes, focus on its Cancel button would fall to the page: give it back to the link.
  const keepFocus = () => {
    if (panel.current?.contains(document.activeElement)) link.current?.focus();
  };
  // Leaving the page stops the export rather than saving a file from a page that is gone.
  useEffect(() => () => current.current?.abort(), []);

  const start = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || !canStream()) return;
    event.preventDefault();
    if (current.current !== null) return;
    const controller = new AbortController();
    current.current = controller;
    const announce = throttle(ANNOUNCE_EVERY_MS);
    const redraw = throttle(REDRAW_EVERY_MS);
    onProblem(null);
    setRunning({ rows: 0, controller });
    announce(true);
    setStatus(progressText(0, total));
    void fetchCsvExport(
      href,
      (rows) => {
        if (redraw()) setRunning({ rows, controller });
        if (announce()) setStatus(progressText(rows, total));
      },
      controller.signal,
    ).then((outcome) => {
      if (current.current !== controller) return;
      current.current = null;
      keepFocus();
      setRunning(null);
      if (outcome.ok) {
        save(outcome.blob, outcome.filename);
        const rows = outcome.rows === 1 ? "1 row" : `${outcome.rows.toLocaleString("en-GB")} rows`;
        setStatus(`Export finished: ${rows} saved as ${outcome.filename}`);
      } else if (outcome.cancelled) {
        setStatus("Export cancelled");
      } else {
        setStatus("The export did not finish");
        onProblem(outcome.problem);
      }
    });
  };

  const cancel = () => {
    const controller = current.current;
    if (controller === null) return;
    current.current = null;
    controller.abort();
    keepFocus();
    setRunning(null);
    setStatus("Export cancelled");
  };

  return (
    <>
      <p className="govuk-body">
        <a ref={link} id={id} className="govuk-link" href={href} download onClick={start}>
          Export CSV
          <span className="govuk-visually-hidden">
            {" "}
            of the {total.toLocaleString("en-GB")} people matching this filter
          </span>
        </a>
      </p>
      {running === null ? null : (
        <div ref={panel} className="govuk-inset-text app-progress">
          <span id={`${id}-progress-label`} className="app-progress__label govuk-body-s">
            Export progress
          </span>
          <progress
            className="app-progress__bar govuk-!-margin-bottom-4"
            aria-labelledby={`${id}-progress-label`}
            aria-valuetext={progressText(running.rows, total)}
            max={Math.max(total, running.rows, 1)}
            value={running.rows}
          />
          <Button type="button" variant="secondary" className="govuk-!-margin-bottom-0" onClick={cancel}>
            Cancel export
          </Button>
        </div>
      )}
      {/* Always in the page, so screen readers are listening before the first update. */}
      <p role="status" id={`${id}-status`} className={status === "" ? "govuk-visually-hidden" : "govuk-body"}>
        {status}
      </p>
    </>
  );
}
