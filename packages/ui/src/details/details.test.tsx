import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { expectNoAxeViolations } from "../test-utils/axe";
import { Details } from "./details";

describe("Details", () => {
  it("has no axe violations open or closed", async () => {
    const { container } = render(
      <>
        <Details summary="What counts as fixation?">Persistent thoughts about the victim.</Details>
        <Details summary="Where do these questions come from?" open>
          The example screening is based on published guidance.
        </Details>
      </>,
    );
    await expectNoAxeViolations(container);
  });

  // Enter and Space on a summary are the browser's own (jsdom does not emulate them); what
  // we own is that the summary is the tab stop and that toggling reports through onToggle.
  it("is reached by Tab on its summary and opens when activated", async () => {
    const user = userEvent.setup();
    const onToggle = vi.fn();
    render(
      <Details summary="What counts as fixation?" onToggle={onToggle}>
        Persistent thoughts about the victim.
      </Details>,
    );
    const details = screen.getByRole("group");
    expect(details).not.toHaveAttribute("open");
    await user.tab();
    expect(screen.getByText("What counts as fixation?").closest("summary")).toHaveFocus();
    await user.click(screen.getByText("What counts as fixation?"));
    expect(details).toHaveAttribute("open");
    await waitFor(() => expect(onToggle).toHaveBeenCalledTimes(1));
  });
});
