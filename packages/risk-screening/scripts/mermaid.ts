import type { AnyStateMachine, AnyStateNode } from "xstate";

type GuardLike = string | { type: string; params?: unknown } | { guards?: readonly GuardLike[] } | undefined;

function describeGuard(guard: unknown): string[] {
  if (guard === undefined || guard === null) return [];
  if (typeof guard === "string") return guard === "valid" ? [] : [guard];
  if (typeof guard === "function" && "guards" in guard) {
    return ((guard as { guards: readonly GuardLike[] }).guards ?? []).flatMap(describeGuard);
  }
  if (typeof guard === "object" && "type" in guard) {
    const { type, params } = guard as { type: string; params?: Record<string, unknown> };
    if (type === "valid" || type === "fromHost") return [];
    const values = params ? Object.values(params).map(String) : [];
    return [values.length ? `${type}(${values.join(", ")})` : type];
  }
  return ["guard"];
}

const idOf = (node: AnyStateNode) => node.id.replace(/\./g, "_");

function transitionLines(node: AnyStateNode, indent: string): string[] {
  const lines: string[] = [];
  const all = [...node.transitions.values()].flat().concat(node.always ?? []);
  for (const transition of all) {
    if (!transition.target?.length || transition.eventType === "*") continue;
    const guards = describeGuard(transition.guard);
    const eventType = String(transition.eventType as unknown);
    const event =
      eventType === "" ? "always" : eventType.startsWith("xstate.done.state.") ? "every region done" : eventType;
    const label = guards.length ? `${event} [${guards.join(" and ")}]` : event;
    for (const target of transition.target) lines.push(`${indent}${idOf(node)} --> ${idOf(target)} : ${label}`);
  }
  return lines;
}

function stateLines(node: AnyStateNode, indent: string): string[] {
  const lines: string[] = [];
  const children = Object.values(node.states);
  if (children.length === 0) {
    lines.push(`${indent}state "${node.key}" as ${idOf(node)}`);
    if (node.type === "final") lines.push(`${indent}${idOf(node)} --> [*]`);
    return lines;
  }
  lines.push(`${indent}state "${node.key}" as ${idOf(node)} {`);
  children.forEach((child, i) => {
    if (node.type === "parallel" && i > 0) lines.push(`${indent}  --`);
    if (node.type !== "parallel" && node.initial?.target[0] === child) lines.push(`${indent}  [*] --> ${idOf(child)}`);
    lines.push(...stateLines(child, `${indent}  `), ...transitionLines(child, `${indent}  `));
  });
  lines.push(`${indent}}`);
  if (node.output !== undefined || node.type === "final") lines.push(`${indent}${idOf(node)} --> [*]`);
  return lines;
}

/** Renders a machine as a Mermaid state diagram (guards named, validity and internal events left out). */
export function renderMermaid(machine: AnyStateMachine): string {
  const root = machine.root;
  const lines = ["stateDiagram-v2", "  direction TB"];
  for (const child of Object.values(root.states)) {
    if (root.initial?.target[0] === child) lines.push(`  [*] --> ${idOf(child)}`);
    lines.push(...stateLines(child, "  "));
  }
  for (const child of Object.values(root.states)) {
    if (Object.keys(child.states).length === 0) continue;
    lines.push(...transitionLines(child, "  "));
  }
  for (const child of Object.values(root.states)) {
    if (Object.keys(child.states).length > 0) continue;
    lines.push(...transitionLines(child, "  "));
  }
  return lines.join("\n");
}

/** The whole generated document, diagram plus the notes a reader needs. */
export function renderMachineDoc(machine: AnyStateMachine): string {
  const global = [...machine.root.transitions.values()]
    .flat()
    .filter((t) => t.target?.length && t.eventType !== "*")
    .map((t) => `- \`${t.eventType}\` → \`${t.target?.map((n) => n.path.join(".")).join(", ") ?? ""}\``);
  return [
    "# Screening statechart",
    "",
    "Generated from `src/machine.ts` by `pnpm --filter @stalking-response/risk-screening diagram`. Do not edit it by hand: a test fails when it is out of date.",
    "",
    "Every transition also needs a valid event (`validateEvent`). An invalid event is rejected with a reason in `lastRejection`, and the state does not change.",
    "",
    "From any step after the context questions (risk is dynamic):",
    "",
    ...global,
    "",
    "```mermaid",
    renderMermaid(machine),
    "```",
    "",
  ].join("\n");
}
