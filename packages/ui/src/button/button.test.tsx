import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { expectNoAxeViolations } from "../test-utils/axe";
import { Button, ButtonLink } from "./button";

describe("Button", () => {
  it("has no axe violations in every variant", async () => {
    const { container } = render(
      <>
        <Button>Save and continue</Button>
        <Button variant="secondary">Add another</Button>
        <Button variant="warning">Delete plan</Button>
        <Button disabled>Unavailable</Button>
        <ButtonLink href="/start" isStartButton>
          Start now
        </ButtonLink>
      </>,
    );
    await expectNoAxeViolations(container);
  });

  it("submits a form by default and activates with Enter and Space", async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn((event: SubmitEvent) => event.preventDefault());
    render(
      <form aria-label="plan" onSubmit={(event) => onSubmit(event.nativeEvent)}>
        <Button>Save and continue</Button>
      </form>,
    );
    const button = screen.getByRole("button", { name: "Save and continue" });
    expect(button).toHaveAttribute("type", "submit");
    await user.tab();
    expect(button).toHaveFocus();
    await user.keyboard("{Enter}");
    await user.keyboard(" ");
    expect(onSubmit).toHaveBeenCalledTimes(2);
  });

  it("is skipped in the tab order and ignores clicks when disabled", async () => {
    const user = userEvent.setup();
    const onClick = vi.fn();
    render(
      <>
        <Button disabled onClick={onClick}>
          Disabled
        </Button>
        <Button type="button">Enabled</Button>
      </>,
    );
    const disabled = screen.getByRole("button", { name: "Disabled" });
    expect(disabled).toBeDisabled();
    expect(disabled).toHaveAttribute("aria-disabled", "true");
    await user.tab();
    expect(screen.getByRole("button", { name: "Enabled" })).toHaveFocus();
    await user.click(disabled);
    expect(onClick).not.toHaveBeenCalled();
  });

  it("ignores a double click only when asked to", async () => {
    const user = userEvent.setup();
    const guarded = vi.fn();
    const plain = vi.fn();
    render(
      <>
        <Button type="button" preventDoubleClick onClick={guarded}>
          Guarded
        </Button>
        <Button type="button" onClick={plain}>
          Plain
        </Button>
      </>,
    );
    await user.dblClick(screen.getByRole("button", { name: "Guarded" }));
    await user.dblClick(screen.getByRole("button", { name: "Plain" }));
    expect(guarded).toHaveBeenCalledTimes(1);
    expect(plain).toHaveBeenCalledTimes(2);
  });

  it("forwards its ref to the native button", () => {
    const ref = { current: null as HTMLButtonElement | null };
    render(<Button ref={ref}>Go</Button>);
    expect(ref.current).toBe(screen.getByRole("button", { name: "Go" }));
  });
});

describe("ButtonLink", () => {
  it("is a link with button semantics that activates on Enter and Space", async () => {
    const user = userEvent.setup();
    const onClick = vi.fn((event: { preventDefault: () => void }) => event.preventDefault());
    render(
      <ButtonLink href="/start" isStartButton onClick={onClick}>
        Start now
      </ButtonLink>,
    );
    const link = screen.getByRole("button", { name: "Start now" });
    expect(link).toHaveAttribute("href", "/start");
    expect(link.querySelector("svg")).toHaveAttribute("aria-hidden", "true");
    await user.tab();
    expect(link).toHaveFocus();
    await user.keyboard("{Enter}");
    await user.keyboard(" ");
    expect(onClick).toHaveBeenCalledTimes(2);
  });
});
