import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.ts";
import { parseTraceText } from "../../sim/traces/parseTraceText.ts";
import { messageThrownBy } from "../support/thrownBy.ts";
import { azureText } from "./traceFactories.ts";

function arrivalsOf(text: string): number[] {
  return [...parseTraceText(text, "azure", "x.csv")].map((request) => request.arrivalS);
}

function errorOf(text: string): string {
  return messageThrownBy(() => [...parseTraceText(text, "azure", "x.csv")], InputError);
}

describe("Azure trace", () => {
  it("measures arrivals from the first row in exact 100 ns ticks", () => {
    const text = azureText([
      ["2023-11-16 18:15:46.0010000", 10, 1],
      ["2023-11-16 18:15:46.0020000", 10, 1],
      ["2023-11-16 18:15:46.0090000", 10, 1],
      ["2023-11-16 18:15:46.0110000", 10, 1],
      ["2023-11-16 18:15:47.0000004", 10, 1],
    ]);
    const expectedS = [0, 0.001, 0.008, 0.01, 0.9990004];
    const arrivalsS = arrivalsOf(text);
    arrivalsS.forEach((arrivalS, i) =>
      expect(Math.abs(arrivalS - expectedS[i])).toBeLessThan(1e-6),
    );
    // Whole ticks divided once by 10^7 give the double nearest each exact value, so the
    // arrivals equal the decimal literals exactly (a float subtraction of seconds would not).
    expect(arrivalsS).toEqual(expectedS);
  });

  it("reads ContextTokens as the ISL and GeneratedTokens as the OSL", () => {
    const text = azureText([["2023-11-16 18:15:46.6805900", 374, 44]]);
    expect([...parseTraceText(text, "azure", "x.csv")]).toEqual([
      { arrivalS: 0, islTokens: 374, oslTokens: 44 },
    ]);
  });

  it("finds columns by header name, in any order, ignoring extra columns", () => {
    const text = "GeneratedTokens,Region,TIMESTAMP,ContextTokens\n7,eu,2023-11-16 00:00:01.5,300\n";
    expect([...parseTraceText(text, "azure", "x.csv")]).toEqual([
      { arrivalS: 0, islTokens: 300, oslTokens: 7 },
    ]);
  });

  it("accepts CRLF and LF line ends and skips blank lines", () => {
    const text =
      "TIMESTAMP,ContextTokens,GeneratedTokens\r\n\r\n2023-11-16 00:00:00,5,1\n\n" +
      "2023-11-16 00:00:02,6,2\r\n";
    expect(arrivalsOf(text)).toEqual([0, 2]);
  });

  it("crosses midnight: 23:59:59.5 then 00:00:00.25 the next day is 0.75 s", () => {
    const text = azureText([
      ["2023-11-16 23:59:59.5", 1, 1],
      ["2023-11-17 00:00:00.25", 1, 1],
    ]);
    expect(arrivalsOf(text)).toEqual([0, 0.75]);
  });

  it("keeps equal timestamps (several requests in the same 100 ns)", () => {
    const text = azureText([
      ["2023-11-16 00:00:00.0000001", 1, 1],
      ["2023-11-16 00:00:00.0000001", 1, 1],
    ]);
    expect(arrivalsOf(text)).toEqual([0, 0]);
  });

  it("rejects a malformed timestamp, naming its line", () => {
    const text = azureText([
      ["2023-11-16 18:15:46.0010000", 10, 1],
      ["2023-11-16T18:15", 10, 1],
    ]);
    expect(errorOf(text)).toBe(
      'x.csv line 3: TIMESTAMP must be a UTC time written "YYYY-MM-DD HH:MM:SS.fffffff", ' +
        'got "2023-11-16T18:15"',
    );
  });

  it("rejects a day that does not exist, naming its line", () => {
    expect(errorOf(azureText([["2023-02-29 10:00:00.0000000", 10, 1]]))).toMatch(
      /^x\.csv line 2: TIMESTAMP must be .*got "2023-02-29 10:00:00\.0000000"$/,
    );
  });

  it("rejects a row earlier than the one before it, naming its line", () => {
    const text = azureText([
      ["2023-11-16 18:15:46.0020000", 10, 1],
      ["2023-11-16 18:15:46.0010000", 10, 1],
    ]);
    expect(errorOf(text)).toBe(
      "x.csv line 3: TIMESTAMP must be ≥ 2023-11-16 18:15:46.0020000, the previous row's " +
        '(rows must be in time order), got "2023-11-16 18:15:46.0010000"',
    );
  });

  it("rejects a row with the wrong number of fields, naming its line", () => {
    const text = "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 00:00:00,5\n";
    expect(errorOf(text)).toBe(
      "x.csv line 2: the row must have 3 comma-separated fields, as the header has, " +
        'got 2 in "2023-11-16 00:00:00,5"',
    );
  });

  it("rejects a header without the three columns", () => {
    expect(errorOf("time,isl,osl\n2023-11-16 00:00:00,5,1\n")).toBe(
      "x.csv line 1: the header must be a list naming TIMESTAMP, ContextTokens and " +
        'GeneratedTokens, got "time,isl,osl"',
    );
  });

  it.each([
    ["0", 1, 'ContextTokens must be a whole number ≥ 1, got "0"'],
    ["2.5", 1, 'ContextTokens must be a whole number ≥ 1, got "2.5"'],
    ["", 1, 'ContextTokens must be a whole number ≥ 1, got ""'],
    ["0x10", 1, 'ContextTokens must be a whole number ≥ 1, got "0x10"'],
    [5, "-3", 'GeneratedTokens must be a whole number ≥ 0, got "-3"'],
  ])("rejects ContextTokens %j / GeneratedTokens %j, naming the line", (isl, osl, message) => {
    const text = azureText([["2023-11-16 00:00:00", isl, osl]]);
    expect(errorOf(text)).toBe(`x.csv line 2: ${message}`);
  });

  it("accepts GeneratedTokens 0 (a request that produced no output)", () => {
    const text = azureText([["2023-11-16 00:00:00", 5, 0]]);
    expect([...parseTraceText(text, "azure", "x.csv")][0].oslTokens).toBe(0);
  });

  it("gives no requests for a file holding only its header", () => {
    expect(arrivalsOf("TIMESTAMP,ContextTokens,GeneratedTokens\r\n")).toEqual([]);
  });
});
