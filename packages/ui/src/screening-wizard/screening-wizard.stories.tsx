import { createScreeningMachine, type Actor, type ScreeningEvent } from "@stalking-response/risk-screening";
import {
  exampleForceConfig,
  practiceOfficer,
  practiceScenarios,
  practiceSupervisor,
} from "@stalking-response/risk-screening/practice";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { useEffect, useState } from "react";
import { createActor } from "xstate";
import { ScreeningWizard } from "./screening-wizard";

const modelRun = practiceScenarios[0]?.events ?? [];
const before = (found: (event: ScreeningEvent) => boolean) => modelRun.slice(0, Math.max(0, modelRun.findIndex(found)));
const upTo = (type: ScreeningEvent["type"]) => before((event) => event.type === type);

// Stands in for the host: it owns the actor (here advanced to the story's page with the fictional
// practice scenario's model answers) and stops it when the page goes away.
function Hosted({ events, user }: { events: readonly ScreeningEvent[]; user: Actor }) {
  const [actorRef] = useState(() => {
    const actor = createActor(createScreeningMachine(), { input: { config: exampleForceConfig } });
    actor.start();
    for (const event of events) actor.send(event);
    return actor;
  });
  useEffect(
    () => () => {
      actorRef.stop();
    },
    [actorRef],
  );
  return <ScreeningWizard actorRef={actorRef} user={user} />;
}

const meta = {
  title: "Domain/ScreeningWizard",
  component: Hosted,
  args: { events: [], user: practiceOfficer },
} satisfies Meta<typeof Hosted>;

export default meta;
type Story = StoryObj<typeof meta>;

const start: ScreeningEvent = { type: "screening.start", actor: practiceOfficer };

export const StartPage: Story = {};
export const FirstQuestion: Story = { args: { events: [start] } };
export const WithError: Story = { args: { events: [start, { type: "answer.submit", answers: {} }] } };
export const SeveralQuestionsOnAPage: Story = {
  args: { events: before((event) => event.type === "answer.submit" && "grade" in event.answers) },
};
export const Incidents: Story = { args: { events: upTo("incident.add") } };
export const CheckYourAnswers: Story = { args: { events: upTo("screening.submit") } };
export const SupervisorReview: Story = { args: { events: upTo("supervisor.approve"), user: practiceSupervisor } };
export const Actions: Story = { args: { events: upTo("task.submit") } };
export const Outcome: Story = { args: { events: modelRun } };
export const Emergency: Story = {
  args: { events: [start, { type: "answer.submit", answers: { immediateDanger: "yes" } }] },
};
