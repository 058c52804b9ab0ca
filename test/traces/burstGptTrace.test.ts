import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.ts";
import { parseSecondsToMicros } from "../../sim/traces/burstGptTrace.ts";
import { parseTraceText } from "../../sim/traces/parseTraceText.ts";
import type { TraceFileFormat } from "../../sim/traces/traceFormat.ts";
import { messageThrownBy } from "../support/thrownBy.ts";
import { BURSTGPT_HEADER, azureText, burstGptText } from "./traceFactories.ts";

function requestsOf(text: string, format: TraceFileFormat = "burstgpt") {
  return [...parseTraceText(text, format, "b.csv")];
}

function errorOf(text: string, format: TraceFileFormat = "burstgpt"): string {
  return messageThrownBy(() => requestsOf(text, format), InputError);
}

describe("BurstGPT trace", () => {
  it("rebases Timestamp to the first row and reads Request/Response tokens as ISL/OSL", () => {
    const text = [
      BURSTGPT_HEADER,
      "5,ChatGPT,472,18,490,Conversation log",
      "45,ChatGPT,1087,0,1087,API log",
      "45.25,GPT-4,30,271,301,Conversation log",
      "118.5,ChatGPT,3,12,15,API log",
    ].join("\n");
    expect(requestsOf(text)).toEqual([
      { arrivalS: 0, islTokens: 472, oslTokens: 18 },
      { arrivalS: 40, islTokens: 1087, oslTokens: 0 },
      { arrivalS: 40.25, islTokens: 30, oslTokens: 271 },
      { arrivalS: 113.5, islTokens: 3, oslTokens: 12 },
    ]);
  });

  it("gives the double nearest each exact difference: 10.3 − 10.1 is 0.2, not 0.2000…01", () => {
    const text = burstGptText([
      ["10.1", 5, 1],
      ["10.3", 5, 1],
      ["86410.100001", 5, 1],
    ]);
    // Float subtraction would give 0.20000000000000107 for the second arrival.
    expect(requestsOf(text).map((request) => request.arrivalS)).toEqual([0, 0.2, 86400.000001]);
  });

  it("finds columns by name in BurstGPT_3's wider header, ignoring the others", () => {
    const text =
      "Timestamp,Session ID,Elapsed time,Model,Request tokens,Response tokens,Total tokens," +
      "Log Type\r\n\r\n7,s-1,2.5,GPT-4,64,32,96,Conversation log\r\n" +
      "9,s-1,1.0,GPT-4,80,16,96,Conversation log\r\n";
    expect(requestsOf(text)).toEqual([
      { arrivalS: 0, islTokens: 64, oslTokens: 32 },
      { arrivalS: 2, islTokens: 80, oslTokens: 16 },
    ]);
  });

  it("keeps equal timestamps and skips blank lines", () => {
    const text = `${BURSTGPT_HEADER}\n\n3,ChatGPT,1,1,2,API log\n\n3,ChatGPT,2,2,4,API log\n`;
    expect(requestsOf(text).map((request) => request.arrivalS)).toEqual([0, 0]);
  });

  it("accepts Response tokens 0 (a request that produced no output)", () => {
    expect(requestsOf(burstGptText([[0, 9, 0]]))[0].oslTokens).toBe(0);
  });

  it("rejects Request tokens 0, naming the line", () => {
    expect(
      errorOf(
        burstGptText([
          [0, 9, 1],
          [1, 0, 5],
        ]),
      ),
    ).toBe('b.csv line 3: Request tokens must be a whole number ≥ 1, got "0"');
  });

  it.each([
    ["-1", 'Timestamp must be a number of seconds ≥ 0, got "-1"'],
    ["1e3", 'Timestamp must be a number of seconds ≥ 0, got "1e3"'],
    ["", 'Timestamp must be a number of seconds ≥ 0, got ""'],
    ["12:00", 'Timestamp must be a number of seconds ≥ 0, got "12:00"'],
  ])("rejects Timestamp %j, naming the line", (timestamp, message) => {
    expect(errorOf(burstGptText([[timestamp, 9, 1]]))).toBe(`b.csv line 2: ${message}`);
  });

  it.each([
    ["2.5", 1, 'Request tokens must be a whole number ≥ 1, got "2.5"'],
    ["x", 1, 'Request tokens must be a whole number ≥ 1, got "x"'],
    [5, "-3", 'Response tokens must be a whole number ≥ 0, got "-3"'],
    [5, "", 'Response tokens must be a whole number ≥ 0, got ""'],
  ])("rejects Request tokens %j / Response tokens %j, naming the line", (isl, osl, message) => {
    expect(errorOf(burstGptText([[0, isl, osl]]))).toBe(`b.csv line 2: ${message}`);
  });

  it("rejects a row earlier than the one before it, naming its line", () => {
    const text = burstGptText([
      [100.5, 9, 1],
      [100.5, 9, 1],
      [100.25, 9, 1],
    ]);
    expect(errorOf(text)).toBe(
      "b.csv line 4: Timestamp must be ≥ 100.5, the previous row's (rows must be in time " +
        'order), got "100.25"',
    );
  });

  it("rejects a row with the wrong number of fields, naming its line", () => {
    expect(errorOf(`${BURSTGPT_HEADER}\n1,ChatGPT,5,1,6\n`)).toBe(
      "b.csv line 2: the row must have 6 comma-separated fields, as the header has, got 5 in " +
        '"1,ChatGPT,5,1,6"',
    );
  });

  it("rejects a header without the three columns", () => {
    expect(errorOf("Timestamp,Model,Request tokens\n1,ChatGPT,5\n")).toBe(
      "b.csv line 1: the header must be a list naming Timestamp, Request tokens and Response " +
        'tokens, got "Timestamp,Model,Request tokens"',
    );
  });

  it("gives no requests for a file holding only its header", () => {
    expect(requestsOf(`${BURSTGPT_HEADER}\r\n`)).toEqual([]);
  });
});

describe("parseSecondsToMicros", () => {
  it("converts whole and fractional seconds exactly, rounding past the microsecond", () => {
    expect(parseSecondsToMicros("0")).toBe(0);
    expect(parseSecondsToMicros("10.3")).toBe(10_300_000);
    expect(parseSecondsToMicros("1.0000004")).toBe(1_000_000);
    expect(parseSecondsToMicros("1.0000006")).toBe(1_000_001);
  });

  it("refuses signs, exponents, blanks and times too large for exact microseconds", () => {
    for (const text of ["+1", "-1", "1e3", " 1", "1.", ".5", "9999999999"]) {
      expect(parseSecondsToMicros(text)).toBeUndefined();
    }
  });
});

describe('a .csv trace (format "csv")', () => {
  it("reads an Azure file when the header names Azure's columns", () => {
    const text = azureText([
      ["2023-11-16 00:00:00", 5, 1],
      ["2023-11-16 00:00:01.5", 6, 2],
    ]);
    expect(requestsOf(text, "csv")).toEqual([
      { arrivalS: 0, islTokens: 5, oslTokens: 1 },
      { arrivalS: 1.5, islTokens: 6, oslTokens: 2 },
    ]);
  });

  it("reads a BurstGPT file when the header names BurstGPT's columns", () => {
    const text = burstGptText([
      [60, 5, 1],
      [61.5, 6, 2],
    ]);
    expect(requestsOf(text, "csv")).toEqual([
      { arrivalS: 0, islTokens: 5, oslTokens: 1 },
      { arrivalS: 1.5, islTokens: 6, oslTokens: 2 },
    ]);
  });

  it("numbers lines from the file's start when blank lines and a BOM come before the header", () => {
    const text = `\uFEFF\n\r\n${BURSTGPT_HEADER}\n1,ChatGPT,5,1,6,API log\n0,ChatGPT,5,1,6,API log\n`;
    expect(errorOf(text, "csv")).toMatch(/^b\.csv line 5: Timestamp must be ≥ 1, /);
  });

  it("refuses a header naming neither format's columns, listing both", () => {
    expect(errorOf("time,isl,osl\n1,2,3\n", "csv")).toBe(
      "b.csv line 1: the header must be a list naming TIMESTAMP, ContextTokens and " +
        "GeneratedTokens (Azure) or Timestamp, Request tokens and Response tokens (BurstGPT), " +
        'got "time,isl,osl"',
    );
  });

  it("keeps an explicit format: a BurstGPT file read as Azure fails on its header", () => {
    expect(errorOf(burstGptText([[0, 5, 1]]), "azure")).toMatch(
      /^b\.csv line 1: the header must be a list naming TIMESTAMP, ContextTokens and /,
    );
  });
});
