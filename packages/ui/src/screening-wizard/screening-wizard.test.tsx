import { createScreeningMachine, type ScreeningEvent } from "@stalking-response/risk-screening";
import {
  exampleForceConfig,
  practiceOfficer,
  practiceScenarios,
  practiceSupervisor,
} from "@stalking-response/risk-screening/practice";
import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createRef } from "react";
import { createActor } from "xstate";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "../test-utils/axe";
import { ScreeningWizard, type ScreeningActorRef } from "./screening-wizard";

const clock = () => new Date("2026-11-27T10:00:00Z");
const scenario = practiceScenarios[0];
if (!scenario) throw new Error("the risk-screening package ships no practice scenario");

/** A real screening actor, optionally advanced through the practice scenario's model events. */
function screening(events: readonly ScreeningEvent[] = []): ScreeningActorRef {
  const actor = createActor(createScreeningMachine({ clock }), { input: { config: exampleForceConfig } });
  actor.start();
  for (const event of events) actor.send(event);
  return actor;
}

/** The scenario's events up to (not including) the first event of `type`. */
function eventsBefore(type: ScreeningEvent["type"]): ScreeningEvent[] {
  const events = scenario?.events ?? [];
  const index = events.findIndex((event) => event.type === type);
  return events.slice(0, index);
}

describe("ScreeningWizard", () => {
  it("has no axe violations on the start, question, error and outcome pages", async () => {
    const user = userEvent.setup();
    const { container } = render(<ScreeningWizard actorRef={screening()} user={practiceOfficer} />);
    await expectNoAxeViolations(container);
    await user.click(screen.getByRole("button", { name: "Start screening" }));
    await expectNoAxeViolations(container);
    await user.click(screen.getByRole("button", { name: "Continue" }));
    await expectNoAxeViolations(container);
    await user.click(screen.getByRole("radio", { name: "Yes" }));
    await user.click(screen.getByRole("button", { name: "Continue" }));
    await expectNoAxeViolations(container);
  });

  it("starts from the keyboard and moves focus to each new page's heading", async () => {
    const user = userEvent.setup();
    render(<ScreeningWizard actorRef={screening()} user={practiceOfficer} />);
    expect(screen.getByRole("heading", { level: 1, name: "Stalking and harassment screening" })).toBeInTheDocument();
    expect(screen.getByText(/example instrument, not an official tool/)).toBeInTheDocument();
    await user.tab();
    expect(screen.getByRole("button", { name: "Start screening" })).toHaveFocus();
    await user.keyboard("{Enter}");
    const heading = screen.getByRole("heading", { level: 1, name: "Is anyone in immediate danger?" });
    expect(heading).toHaveFocus();

    await user.tab();
    expect(screen.getByRole("radio", { name: "Yes" })).toHaveFocus();
    await user.keyboard("{ArrowDown}");
    expect(screen.getByRole("radio", { name: "No" })).toBeChecked();
    await user.tab();
    await user.keyboard("{Enter}");
    expect(
      screen.getByRole("heading", { level: 1, name: "What has the report been recorded as so far?" }),
    ).toHaveFocus();
  });

  it("shows the machine's reasons in an error summary that links to the field", async () => {
    const user = userEvent.setup();
    render(
      <ScreeningWizard
        actorRef={screening([{ type: "screening.start", actor: practiceOfficer }])}
        user={practiceOfficer}
      />,
    );
    await user.click(screen.getByRole("button", { name: "Continue" }));
    const alert = screen.getByRole("alert");
    expect(alert).toHaveTextContent("There is a problem");
    const link = within(alert).getByRole("link", { name: "Select yes if anyone is in immediate danger" });
    expect(screen.getByRole("group", { name: "Is anyone in immediate danger?" })).toHaveAccessibleDescription(
      /Select yes if anyone is in immediate danger/,
    );
    await user.click(link);
    expect(screen.getByRole("radio", { name: "Yes" })).toHaveFocus();
  });

  it("goes back with the Back link and keeps the answer given", async () => {
    const user = userEvent.setup();
    const actorRef = screening([
      { type: "screening.start", actor: practiceOfficer },
      { type: "answer.submit", answers: { immediateDanger: "no" } },
    ]);
    render(<ScreeningWizard actorRef={actorRef} user={practiceOfficer} />);
    await user.click(screen.getByRole("link", { name: "Back" }));
    expect(screen.getByRole("heading", { level: 1, name: "Is anyone in immediate danger?" })).toHaveFocus();
    expect(screen.getByRole("radio", { name: "No" })).toBeChecked();
  });

  it("ends at an emergency instruction when someone is in immediate danger", async () => {
    const user = userEvent.setup();
    render(
      <ScreeningWizard
        actorRef={screening([{ type: "screening.start", actor: practiceOfficer }])}
        user={practiceOfficer}
      />,
    );
    await user.click(screen.getByRole("radio", { name: "Yes" }));
    await user.click(screen.getByRole("button", { name: "Continue" }));
    expect(screen.getByRole("heading", { level: 1, name: "Dispatch an emergency response now" })).toBeInTheDocument();
    const table = screen.getByRole("table", { name: "Required actions and the recommendations they answer" });
    expect(within(table).getAllByRole("row").length).toBeGreaterThan(1);
    expect(table).toHaveTextContent("12.4");
  });

  it("adds and removes incidents of the course of conduct", async () => {
    const user = userEvent.setup();
    const before = eventsBefore("incident.add");
    render(<ScreeningWizard actorRef={screening(before)} user={practiceOfficer} />);
    expect(screen.getByRole("heading", { level: 2, name: "No incidents added yet" })).toBeInTheDocument();
    const date = screen.getByRole("group", { name: "When did it happen?" });
    await user.type(within(date).getByRole("textbox", { name: "Day" }), "5");
    await user.type(within(date).getByRole("textbox", { name: "Month" }), "1");
    await user.type(within(date).getByRole("textbox", { name: "Year" }), "2026");
    await user.click(screen.getByRole("checkbox", { name: "Following the victim" }));
    await user.click(screen.getByRole("button", { name: "Add incident" }));
    expect(screen.getByRole("heading", { level: 2, name: "Incidents added: 1" })).toBeInTheDocument();
    expect(screen.getByText("Incident 1: 5 January 2026")).toBeInTheDocument();
    // The add form starts empty again for the next incident.
    expect(screen.getByRole("checkbox", { name: "Following the victim" })).not.toBeChecked();

    await user.click(screen.getByRole("button", { name: "Add incident" }));
    expect(screen.getByRole("alert")).toHaveTextContent("There is a problem");

    await user.click(screen.getByRole("button", { name: "Remove incident 1" }));
    expect(screen.getByRole("heading", { level: 2, name: "No incidents added yet" })).toBeInTheDocument();
  });

  it("checks answers, and a Change link returns to that step", async () => {
    const user = userEvent.setup();
    const { container } = render(
      <ScreeningWizard actorRef={screening(eventsBefore("screening.submit"))} user={practiceOfficer} />,
    );
    expect(screen.getByRole("heading", { level: 1, name: "Check your answers" })).toBeInTheDocument();
    await expectNoAxeViolations(container);
    const changes = screen.getAllByRole("link", { name: /^Change/ });
    expect(changes.length).toBeGreaterThan(0);
    const relationship = screen.getAllByRole("link", { name: /Change.*relationship/i })[0];
    expect(relationship).toBeDefined();
    relationship?.focus();
    await user.keyboard("{Enter}");
    expect(screen.queryByRole("heading", { level: 1, name: "Check your answers" })).not.toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 1 })).toHaveFocus();
  });

  it("reopens the screening when new information arrives after the questions", async () => {
    const user = userEvent.setup();
    const actorRef = screening(eventsBefore("screening.submit"));
    render(<ScreeningWizard actorRef={actorRef} user={practiceOfficer} />);
    const incidentsBefore = actorRef.getSnapshot().context.incidents.length;
    await user.click(screen.getByText("Report new information"));
    const date = screen.getAllByRole("group", { name: "When did it happen?" }).at(-1) as HTMLElement;
    await user.type(within(date).getByRole("textbox", { name: "Day" }), "2");
    await user.type(within(date).getByRole("textbox", { name: "Month" }), "2");
    await user.type(within(date).getByRole("textbox", { name: "Year" }), "2026");
    await user.click(screen.getByRole("checkbox", { name: "Watching or spying on the victim" }));
    await user.click(screen.getByRole("button", { name: "Add incident and review" }));
    expect(actorRef.getSnapshot().context.incidents).toHaveLength(incidentsBefore + 1);
    expect(screen.getByRole("heading", { level: 1, name: "Incidents" })).toHaveFocus();
    expect(screen.getByText(`Incident ${incidentsBefore + 1}: 2 February 2026`)).toBeInTheDocument();
  });

  it("takes a reported breach back to the breach questions", async () => {
    const user = userEvent.setup();
    render(<ScreeningWizard actorRef={screening(eventsBefore("task.submit"))} user={practiceOfficer} />);
    await user.click(screen.getByText("Report new information"));
    await user.type(screen.getByRole("textbox", { name: "What happened? (optional)" }), "Seen in her street again.");
    await user.click(screen.getByRole("button", { name: "Report a breach" }));
    expect(screen.queryByRole("heading", { level: 1, name: "Actions" })).not.toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 1 })).toHaveFocus();
  });

  it("sends the screening for review and lets a supervisor approve it", async () => {
    const user = userEvent.setup();
    const actorRef = screening(eventsBefore("screening.submit"));
    const { container, rerender } = render(<ScreeningWizard actorRef={actorRef} user={practiceOfficer} />);
    await user.click(screen.getByRole("button", { name: "Send for review" }));
    expect(screen.getByRole("heading", { level: 1, name: "Supervisor review" })).toHaveFocus();

    // The officer cannot approve their own screening: the machine refuses and says why.
    await user.click(screen.getByRole("radio", { name: "Approve" }));
    await user.click(screen.getByRole("button", { name: "Confirm decision" }));
    expect(screen.getByRole("alert")).toHaveTextContent("There is a problem");
    expect(screen.getByRole("heading", { level: 1, name: "Supervisor review" })).toBeInTheDocument();

    await user.click(screen.getByRole("radio", { name: "Change the classification" }));
    expect(
      screen.getByRole("group", { name: "New classification" }).closest(".govuk-radios__conditional"),
    ).not.toHaveClass("govuk-radios__conditional--hidden");
    await expectNoAxeViolations(container);
    await user.click(screen.getByRole("radio", { name: "Approve" }));

    rerender(<ScreeningWizard actorRef={actorRef} user={practiceSupervisor} />);
    await user.click(screen.getByRole("button", { name: "Confirm decision" }));
    expect(screen.getByRole("heading", { level: 1, name: "Actions" })).toHaveFocus();
  });

  it("lets a supervisor return a screening with a reason, and asks for the reason first", async () => {
    const user = userEvent.setup();
    render(<ScreeningWizard actorRef={screening(eventsBefore("supervisor.approve"))} user={practiceSupervisor} />);
    await user.click(screen.getByRole("radio", { name: "Return it to the officer" }));
    await user.click(screen.getByRole("radio", { name: "Risk grade" }));
    await user.click(screen.getByRole("button", { name: "Confirm decision" }));
    const alert = screen.getByRole("alert");
    const link = within(alert).getAllByRole("link")[0];
    expect(link).toBeDefined();
    await user.click(link as HTMLElement);
    expect(screen.getByRole("textbox", { name: "Your reasons" })).toHaveFocus();
    await user.keyboard("The rationale does not mention the threats.");
    await user.click(screen.getByRole("button", { name: "Confirm decision" }));
    expect(screen.getByRole("heading", { level: 1 })).toHaveFocus();
    expect(screen.queryByRole("heading", { level: 1, name: "Supervisor review" })).not.toBeInTheDocument();
  });

  it("asks for a decision before sending one", async () => {
    const user = userEvent.setup();
    render(<ScreeningWizard actorRef={screening(eventsBefore("supervisor.approve"))} user={practiceSupervisor} />);
    await user.click(screen.getByRole("button", { name: "Confirm decision" }));
    expect(screen.getByRole("group", { name: "Your decision" })).toHaveAccessibleDescription(/Select your decision/);
    // The GOV.UK error summary sits at the top, takes focus and links to the first decision.
    const summary = screen.getByRole("alert");
    expect(summary.parentElement).toHaveFocus();
    expect(summary.parentElement?.compareDocumentPosition(screen.getByRole("heading", { level: 1 }))).toBe(
      Node.DOCUMENT_POSITION_FOLLOWING,
    );
    await user.click(within(summary).getByRole("link", { name: "Select your decision" }));
    expect(screen.getByRole("radio", { name: "Approve" })).toHaveFocus();
  });

  it("names what the report was first recorded as in words on the supervisor's review", () => {
    render(<ScreeningWizard actorRef={screening(eventsBefore("supervisor.approve"))} user={practiceSupervisor} />);
    expect(screen.getByText(/^Recorded as Breach of a protective order:/)).toBeInTheDocument();
    expect(screen.queryByText(/breachOfOrder/)).not.toBeInTheDocument();
  });

  it("records actions from the task list, which names the recommendation each answers", async () => {
    const user = userEvent.setup();
    render(<ScreeningWizard actorRef={screening(eventsBefore("task.submit"))} user={practiceOfficer} />);
    const record = screen.getByRole("link", { name: "Record the crime" });
    expect(record).toHaveAccessibleDescription(/Answers recommendation 7\.1.*Not started/);
    await user.click(record);
    expect(screen.getByRole("heading", { level: 1, name: /Record the crime/ })).toHaveFocus();
    await user.click(screen.getByRole("button", { name: "Save and return to actions" }));
    expect(screen.getByRole("heading", { level: 1, name: "Actions" })).toHaveFocus();
    expect(screen.getByRole("link", { name: "Record the crime" })).toHaveAccessibleDescription(/Completed/);
  });

  it("shows the outcome with every required action and the recommendation it answers", async () => {
    const { container } = render(<ScreeningWizard actorRef={screening(scenario.events)} user={practiceOfficer} />);
    expect(screen.getByRole("heading", { level: 1, name: "Screening complete" })).toBeInTheDocument();
    expect(screen.getByText(/example instrument, not an official tool/)).toBeInTheDocument();
    const table = screen.getByRole("table", { name: "Required actions and the recommendations they answer" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.length).toBeGreaterThan(3);
    const recording = rows.find((row) => row.textContent?.includes("7.1"));
    expect(recording).toBeDefined();
    expect(recording).toHaveTextContent("Done");
    await expectNoAxeViolations(container);
  });

  it("forwards its ref and rest props", () => {
    const ref = createRef<HTMLDivElement>();
    render(<ScreeningWizard actorRef={screening()} user={practiceOfficer} ref={ref} data-testid="wizard" />);
    expect(ref.current).toBe(screen.getByTestId("wizard"));
  });

  it("follows the actor when the host sends events itself", () => {
    const actorRef = screening();
    render(<ScreeningWizard actorRef={actorRef} user={practiceOfficer} />);
    act(() => actorRef.send({ type: "screening.start", actor: practiceOfficer }));
    expect(screen.getByRole("heading", { level: 1, name: "Is anyone in immediate danger?" })).toBeInTheDocument();
  });
});
