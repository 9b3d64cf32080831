import { describe, expect, it } from "vitest";
import { CsvRecordCounter, filenameFrom, progressText, readCsvExport, throttle } from "./csv-export";

const encoder = new TextEncoder();

/** A streamed response made of these pieces, optionally failing after them as a dropped connection does. */
function streamed(pieces: string[], init: ResponseInit = {}, failAtEnd = false): Response {
  const queue = pieces.map((piece) => encoder.encode(piece));
  // Pulled one piece at a time, as from a socket, so the failure comes after the pieces are read.
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = queue.shift();
      if (next) controller.enqueue(next);
      else if (failAtEnd) controller.error(new Error("connection reset"));
      else controller.close();
    },
  });
  return new Response(body, init);
}

const csv = '\uFEFFName,Collar number,Unit\r\n"Smith, Jo",EX1,"Team ""A"""\r\n"Line\r\nbreak",EX2,B\r\nLee,EX3,C\r\n';

describe("counting CSV rows as they arrive", () => {
  it("counts records, not line breaks inside quoted fields", () => {
    const counter = new CsvRecordCounter();
    counter.push(csv);
    expect(counter.records).toBe(4);
  });

  it("gives the same count however the text is split into chunks", () => {
    for (let size = 1; size <= csv.length; size += 1) {
      const counter = new CsvRecordCounter();
      for (let at = 0; at < csv.length; at += size) counter.push(csv.slice(at, at + size));
      expect(counter.records, `chunks of ${size}`).toBe(4);
    }
  });
});

describe("throttling the live progress text", () => {
  it("opens at once, then at most once per interval, and always when forced", () => {
    let clock = 1_000;
    const gate = throttle(3_000, () => clock);
    expect(gate()).toBe(true);
    clock += 2_999;
    expect(gate()).toBe(false);
    expect(gate(true)).toBe(true);
    clock += 2_999;
    expect(gate()).toBe(false);
    clock += 1;
    expect(gate()).toBe(true);
  });

  it("words the progress against the total the grid counted", () => {
    expect(progressText(120_000, 1_000_033)).toBe("Exporting: 120,000 of 1,000,033 rows");
    // People added since the grid was counted: no "of" a total that is already passed.
    expect(progressText(12, 10)).toBe("Exporting: 12 rows");
  });
});

describe("reading an export", () => {
  it("reports rows as chunks arrive and returns the whole file under the server's name", async () => {
    const seen: number[] = [];
    const outcome = await readCsvExport(
      streamed([csv.slice(0, 40), csv.slice(40, 70), csv.slice(70)], {
        headers: { "content-disposition": 'attachment; filename="completions-essex-2026-11-28.csv"' },
      }),
      (rows) => seen.push(rows),
    );
    if (!outcome.ok) throw new Error(outcome.problem.title);
    expect(outcome.rows).toBe(3);
    expect(outcome.filename).toBe("completions-essex-2026-11-28.csv");
    // Byte for byte, byte-order mark included (spreadsheets need it to read the names as UTF-8).
    expect(new Uint8Array(await outcome.blob.arrayBuffer())).toEqual(encoder.encode(csv));
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.at(-1)).toBe(3);
  });

  it("hands the bytes to the Blob in folds as they arrive and still returns the file byte for byte", async () => {
    const rows = Array.from({ length: 500 }, (_, n) => `"Officer ${n}, ""quoted""",EX${n},Team ${n % 7}\r\n`);
    const text = `\uFEFFName,Collar number,Unit\r\n${rows.join("")}`;
    const pieces = Array.from({ length: Math.ceil(text.length / 97) }, (_, n) => text.slice(n * 97, n * 97 + 97));
    // A fold every 1,000 bytes: many folds, and a remainder that never reached one.
    const outcome = await readCsvExport(streamed(pieces), () => undefined, undefined, 1_000);
    if (!outcome.ok) throw new Error(outcome.problem.title);
    expect(outcome.rows).toBe(500);
    expect(outcome.blob.type).toBe("text/csv;charset=utf-8");
    expect(new Uint8Array(await outcome.blob.arrayBuffer())).toEqual(encoder.encode(text));
  });

  it("returns the server's problem, with its detail, for an error answer", async () => {
    const outcome = await readCsvExport(
      new Response(
        JSON.stringify({
          type: "https://training.invalid/problems/validation",
          title: "The request is not valid",
          status: 400,
          detail: "withinDays: must be at most 366",
          errors: [{ field: "withinDays", reason: "must be at most 366" }],
        }),
        { status: 400, headers: { "content-type": "application/problem+json" } },
      ),
      () => undefined,
    );
    expect(outcome).toMatchObject({
      ok: false,
      cancelled: false,
      problem: { status: 400, title: "The request is not valid", detail: "withinDays: must be at most 366" },
    });
  });

  it("reports a stream that breaks off part-way as stopped, with how many rows had arrived", async () => {
    const outcome = await readCsvExport(streamed([csv.slice(0, 60)], {}, true), () => undefined);
    if (outcome.ok) throw new Error("a broken stream was read as a whole file");
    expect(outcome.cancelled).toBe(false);
    expect(outcome.problem.title).toBe("The export stopped before it finished");
    expect(outcome.problem.detail).toBe("1 row had arrived. Check your connection and try again.");
  });

  it("takes the file name only from a plain quoted or bare filename", () => {
    expect(filenameFrom('attachment; filename="a.csv"', "x.csv")).toBe("a.csv");
    expect(filenameFrom("attachment; filename=b.csv", "x.csv")).toBe("b.csv");
    expect(filenameFrom('attachment; filename="../etc/passwd"', "x.csv")).toBe("x.csv");
    expect(filenameFrom(null, "x.csv")).toBe("x.csv");
  });
});
