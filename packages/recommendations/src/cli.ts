#!/usr/bin/env node
// The `stalking-plan` command: lets a force analyst check and summarise a plan file without code.
import { readFile } from "node:fs/promises";
import { runCli } from "./cli/run";

void runCli(process.argv.slice(2), {
  readFile: (path) => readFile(path, "utf8"),
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  today: () => new Date().toISOString().slice(0, 10),
}).then((code) => {
  process.exitCode = code;
});
