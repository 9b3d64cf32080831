import { Writable } from "node:stream";

/** A log destination that keeps every line, for tests proving what the logs do not hold. */
export function captureLog(): { stream: Writable; text(): string } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString("utf8"));
      done();
    },
  });
  return { stream, text: () => lines.join("") };
}
