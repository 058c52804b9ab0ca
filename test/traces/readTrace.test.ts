import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, InputError, NotFoundError } from "../../src/errors.ts";
import { readTrace } from "../../sim/traces/readTrace.ts";
import { parseTraceFormat, traceFormatOfPath } from "../../sim/traces/traceFormat.ts";
import { azureText, burstGptText, collect, mooncakeLine } from "./traceFactories.ts";

let folder = "";

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "trace-reader-"));
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function traceFile(name: string, text: string): Promise<string> {
  const path = join(folder, name);
  await writeFile(path, text, "utf8");
  return path;
}

describe("traceFormatOfPath", () => {
  it("reads .jsonl as Mooncake and .csv as a CSV for the header to tell, in any letter case", () => {
    expect(traceFormatOfPath("traces/a.jsonl")).toBe("mooncake");
    expect(traceFormatOfPath("traces/B.CSV")).toBe("csv");
  });

  it("refuses another extension, asking for the format", () => {
    expect(() => traceFormatOfPath("traces/a.txt")).toThrow(
      new InputError(
        'traces/a.txt: trace format must be given ("mooncake", "azure" or "burstgpt") for a ' +
          'file whose name does not end in .jsonl or .csv, got extension ".txt"',
      ),
    );
  });
});

describe("parseTraceFormat", () => {
  it("accepts the three format names", () => {
    for (const name of ["mooncake", "azure", "burstgpt"]) expect(parseTraceFormat(name)).toBe(name);
  });

  it('refuses an unknown format name, "csv" included (it names no one format)', () => {
    expect(() => parseTraceFormat("csv")).toThrow(
      new ConfigError('trace format must be "mooncake", "azure" or "burstgpt", got "csv"'),
    );
  });
});

describe("readTrace", () => {
  it("streams a Mooncake file, choosing the format from the extension", async () => {
    const path = await traceFile(
      "a.jsonl",
      `${mooncakeLine()}\n${mooncakeLine({ timestamp: 250 })}\n`,
    );
    const requests = await collect(readTrace(path));
    expect(requests.map((request) => request.arrivalS)).toEqual([0, 0.25]);
  });

  it("streams an Azure file with CRLF line ends", async () => {
    const path = await traceFile(
      "a.csv",
      azureText([
        ["2023-11-16 00:00:00", 5, 1],
        ["2023-11-16 00:00:01.5", 6, 2],
      ]),
    );
    const requests = await collect(readTrace(path));
    expect(requests).toEqual([
      { arrivalS: 0, islTokens: 5, oslTokens: 1 },
      { arrivalS: 1.5, islTokens: 6, oslTokens: 2 },
    ]);
  });

  it("streams a BurstGPT .csv file, telling it from Azure by its header", async () => {
    const path = await traceFile(
      "burst.csv",
      burstGptText([
        [3600, 12, 40],
        [3600.75, 7, 0],
      ]),
    );
    expect(await collect(readTrace(path))).toEqual([
      { arrivalS: 0, islTokens: 12, oslTokens: 40 },
      { arrivalS: 0.75, islTokens: 7, oslTokens: 0 },
    ]);
  });

  it("takes an explicit burstgpt format for a file of another extension", async () => {
    const path = await traceFile(
      "burst.log",
      burstGptText([
        [1, 5, 1],
        [4, 5, 1],
      ]),
    );
    const requests = await collect(readTrace(path, { format: "burstgpt" }));
    expect(requests.map((request) => request.arrivalS)).toEqual([0, 3]);
  });

  it("keeps an explicit azure format on a .csv holding BurstGPT: the header is refused", async () => {
    const path = await traceFile("forced.csv", burstGptText([[1, 5, 1]]));
    const options = { format: "azure", fileName: "forced.csv" } as const;
    await expect(collect(readTrace(path, options))).rejects.toThrow(
      /^forced\.csv line 1: the header must be a list naming TIMESTAMP, /,
    );
  });

  it("takes an explicit format for a file of another extension", async () => {
    const path = await traceFile("a.log", mooncakeLine({ timestamp: 3000 }));
    const requests = await collect(readTrace(path, { format: "mooncake" }));
    expect(requests.map((request) => request.arrivalS)).toEqual([3]);
  });

  it("names the file and the line of a bad row, as the options name the file", async () => {
    const path = await traceFile(
      "b.jsonl",
      [mooncakeLine(), "", mooncakeLine({ input_length: 0 })].join("\n"),
    );
    await expect(collect(readTrace(path, { fileName: "traces/b.jsonl" }))).rejects.toThrow(
      new InputError("traces/b.jsonl line 3: input_length must be a whole number ≥ 1, got 0"),
    );
  });

  it("numbers lines as parseTraceText does when lone CR ends a line", async () => {
    const path = await traceFile(
      "c.jsonl",
      `${mooncakeLine()}\r${mooncakeLine({ timestamp: -5 })}`,
    );
    await expect(collect(readTrace(path, { fileName: "c.jsonl" }))).rejects.toThrow(
      /^c\.jsonl line 2: /,
    );
  });

  it("stops reading when the consumer stops", async () => {
    const lines = Array.from({ length: 1000 }, (_, i) => mooncakeLine({ timestamp: i }));
    const path = await traceFile("long.jsonl", lines.join("\n"));
    let read = 0;
    for await (const request of readTrace(path)) {
      read += 1;
      if (request.arrivalS >= 0.002) break;
    }
    expect(read).toBe(3);
  });

  it("reports a missing file as not found", async () => {
    await expect(collect(readTrace(join(folder, "missing.csv")))).rejects.toThrow(NotFoundError);
  });

  it("reports a directory as bad input", async () => {
    await expect(collect(readTrace(folder, { format: "azure" }))).rejects.toThrow(InputError);
  });
});
