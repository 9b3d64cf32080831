import { TrainingStatusSchema, trainingStatusLabels } from "@stalking-response/curriculum";
import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "../test-utils/axe";
import { StatusTag, trainingStatusColours } from "./status-tag";

describe("StatusTag", () => {
  it("has no axe violations for any status, overdue or not", async () => {
    const { container } = render(
      <ul>
        {TrainingStatusSchema.options.map((status) => (
          <li key={status}>
            <StatusTag status={status} /> <StatusTag status={status} overdue />
          </li>
        ))}
      </ul>,
    );
    await expectNoAxeViolations(container);
  });

  it("says every status in the curriculum's words, each in its own colour", () => {
    const { container } = render(
      <p>
        {TrainingStatusSchema.options.map((status) => (
          <StatusTag key={status} status={status} />
        ))}
      </p>,
    );
    for (const status of TrainingStatusSchema.options) {
      expect(screen.getByText(trainingStatusLabels[status])).toHaveClass(`govuk-tag--${trainingStatusColours[status]}`);
    }
    expect(new Set(Object.values(trainingStatusColours)).size).toBe(TrainingStatusSchema.options.length);
    expect(container).not.toHaveTextContent("Overdue");
  });

  it("adds a red Overdue tag after the status when overdue", () => {
    render(
      <p data-testid="cell">
        <StatusTag status="in-progress" overdue />
      </p>,
    );
    expect(screen.getByTestId("cell")).toHaveTextContent("In progress Overdue");
    expect(screen.getByText("Overdue")).toHaveClass("govuk-tag--red");
  });
});
