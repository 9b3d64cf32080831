import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "../test-utils/axe";
import { InsetText } from "./inset-text";

describe("InsetText", () => {
  it("has no axe violations", async () => {
    const { container } = render(<InsetText>Forces should record stalking as stalking.</InsetText>);
    await expectNoAxeViolations(container);
  });

  it("renders its content in the inset block and passes attributes through", () => {
    render(<InsetText id="quote">Forces should record stalking as stalking.</InsetText>);
    const block = screen.getByText("Forces should record stalking as stalking.");
    expect(block).toHaveClass("govuk-inset-text");
    expect(block).toHaveAttribute("id", "quote");
  });
});
