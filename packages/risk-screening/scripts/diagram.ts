// Regenerates docs/machine.md from the machine; `pnpm test` fails while the checked-in copy is stale.
import { writeFileSync } from "node:fs";
import { screeningMachine } from "../src/machine";
import { renderMachineDoc } from "./mermaid";

const target = new URL("../docs/machine.md", import.meta.url);
writeFileSync(target, renderMachineDoc(screeningMachine));
console.log(`wrote ${target.pathname}`);
