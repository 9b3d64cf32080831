import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "../test-utils/axe";
import { Tag } from "./tag";

describe("Tag", () => {
  it("has no axe violations in every colour", async () => {
    const colours = [
      "grey",
      "green",
      "turquoise",
      "blue",
      "light-blue",
      "purple",
      "pink",
      "red",
      "orange",
      "yellow",
    ] as const;
    const { container } = render(
      <p>
        {colours.map((colour) => (
          <Tag key={colour} colour={colour}>
            {colour}
          </Tag>
        ))}
      </p>,
    );
    await expectNoAxeViolations(container);
  });

  it("carries its meaning in text, with colour as a modifier class only", () => {
    render(<Tag colour="red">Overdue</Tag>);
    const tag = screen.getByText("Overdue");
    expect(tag.tagName).toBe("STRONG");
    expect(tag).toHaveClass("govuk-tag", "govuk-tag--red");
  });

  it("is not a tab stop", () => {
    render(<Tag>Completed</Tag>);
    expect(screen.getByText("Completed")).not.toHaveAttribute("tabindex");
  });
});
