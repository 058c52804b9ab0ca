import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.ts";
import { parseMooncakeLine } from "../../sim/traces/mooncakeTrace.ts";
import { parseTraceText } from "../../sim/traces/parseTraceText.ts";
import { messageThrownBy } from "../support/thrownBy.ts";
import { mooncakeLine } from "./traceFactories.ts";

function requestsOf(lines: readonly string[]) {
  return [...parseTraceText(lines.join("\n"), "mooncake", "t.jsonl")];
}

function errorOf(lines: readonly string[]): string {
  return messageThrownBy(() => requestsOf(lines), InputError);
}

describe("Mooncake trace", () => {
  it("reads timestamp in ms as arrivalS in seconds, with lengths and hash ids", () => {
    const line = mooncakeLine({ timestamp: 1500, input_length: 1025, hash_ids: [4, 9, 2] });
    expect(requestsOf([line])).toEqual([
      { arrivalS: 1.5, islTokens: 1025, oslTokens: 10, hashIds: [4, 9, 2] },
    ]);
  });

  it("leaves hashIds out when the row has no hash_ids", () => {
    const [request] = requestsOf([mooncakeLine()]);
    expect(request).toEqual({ arrivalS: 0, islTokens: 100, oslTokens: 10 });
    expect("hashIds" in request).toBe(false);
  });

  it("ignores fields it does not know", () => {
    const [request] = requestsOf([mooncakeLine({ session_id: "abc", model: 3 })]);
    expect(request).toEqual({ arrivalS: 0, islTokens: 100, oslTokens: 10 });
  });

  it("skips blank lines but still counts them when naming a line", () => {
    const lines = [mooncakeLine(), "", "   ", mooncakeLine({ output_length: -3 })];
    expect(errorOf(lines)).toBe("t.jsonl line 4: output_length must be a whole number ≥ 0, got -3");
  });

  it("keeps a relative trace's own origin: a first timestamp of 5,000 ms arrives at 5 s", () => {
    const lines = [mooncakeLine({ timestamp: 5000 }), mooncakeLine({ timestamp: 5250 })];
    expect(requestsOf(lines).map((request) => request.arrivalS)).toEqual([5, 5.25]);
  });

  it("rebases epoch-millisecond timestamps to the first row", () => {
    const lines = [
      mooncakeLine({ timestamp: 1_700_000_000_000 }),
      mooncakeLine({ timestamp: 1_700_000_000_250 }),
      mooncakeLine({ timestamp: 1_700_000_060_000 }),
    ];
    expect(requestsOf(lines).map((request) => request.arrivalS)).toEqual([0, 0.25, 60]);
  });

  it("keeps rows with equal timestamps", () => {
    const lines = [mooncakeLine({ timestamp: 7 }), mooncakeLine({ timestamp: 7 })];
    expect(requestsOf(lines).map((request) => request.arrivalS)).toEqual([0.007, 0.007]);
  });

  it("rejects a row earlier than the one before it, naming its line", () => {
    const lines = [0, 2000, 1000].map((timestamp) => mooncakeLine({ timestamp }));
    expect(errorOf(lines)).toBe(
      "t.jsonl line 3: timestamp must be ≥ 2000, the previous row's (rows must be in time " +
        "order), got 1000",
    );
  });

  it("rejects an epoch row earlier than the first, naming its line", () => {
    const lines = [1_700_000_000_000, 1_699_999_999_999].map((timestamp) =>
      mooncakeLine({ timestamp }),
    );
    expect(errorOf(lines)).toMatch(/^t\.jsonl line 2: timestamp must be ≥ 1700000000000,/);
  });

  it.each([
    [{ input_length: 0 }, "input_length must be a whole number ≥ 1, got 0"],
    [{ input_length: 2.5 }, "input_length must be a whole number ≥ 1, got 2.5"],
    [{ input_length: "100" }, 'input_length must be a whole number ≥ 1, got "100"'],
    [{ output_length: -3 }, "output_length must be a whole number ≥ 0, got -3"],
    [{ output_length: null }, "output_length must be a whole number ≥ 0, got null"],
    [{ timestamp: -1 }, "timestamp must be a number of milliseconds ≥ 0, got -1"],
    [{ timestamp: "0" }, 'timestamp must be a number of milliseconds ≥ 0, got "0"'],
    [{ hash_ids: 3 }, "hash_ids must be an array of whole numbers ≥ 0, got 3"],
    [{ hash_ids: [0, -1] }, "hash_ids[1] must be a whole number ≥ 0, got -1"],
    [{ hash_ids: [0.5] }, "hash_ids[0] must be a whole number ≥ 0, got 0.5"],
  ])("rejects the row %j, naming its line", (overrides, message) => {
    const lines = [mooncakeLine(), mooncakeLine(overrides)];
    expect(errorOf(lines)).toBe(`t.jsonl line 2: ${message}`);
  });

  it.each(["timestamp", "input_length", "output_length"])(
    "rejects a row without %s, naming its line",
    (field) => {
      expect(errorOf([mooncakeLine({}, [field])])).toMatch(
        new RegExp(`^t\\.jsonl line 1: ${field} must be .*, got nothing$`),
      );
    },
  );

  it("rejects a line that is not JSON, naming its line", () => {
    const lines = [mooncakeLine(), '{"timestamp": 0, "input_length": 5,'];
    expect(errorOf(lines)).toBe(
      't.jsonl line 2: the row must be one JSON object, got "{\\"timestamp\\": 0, \\"input_length\\": 5,"',
    );
  });

  it("rejects JSON that is not an object, naming its line", () => {
    expect(errorOf(["[1, 2, 3]"])).toBe(
      "t.jsonl line 1: the row must be one JSON object, got [1,2,3]",
    );
  });

  it("ignores a byte-order mark at the start of the file", () => {
    expect(requestsOf([`\uFEFF${mooncakeLine({ timestamp: 1000 })}`])[0].arrivalS).toBe(1);
  });
});

describe("parseMooncakeLine", () => {
  it("returns the row as written, timestamp in ms, before any rebasing", () => {
    const line = mooncakeLine({ timestamp: 1_700_000_000_000, hash_ids: [7] });
    expect(parseMooncakeLine(line, "here")).toEqual({
      timestampMs: 1_700_000_000_000,
      islTokens: 100,
      oslTokens: 10,
      hashIds: [7],
    });
  });

  it("flags a row whose hash ids do not cover its input in 512-token blocks", () => {
    // ceil(20 / 512) = 1 and ceil(1025 / 512) = 3 ids are expected; both rows give 2.
    const short = mooncakeLine({ input_length: 20, hash_ids: [1, 2] });
    expect(() => parseMooncakeLine(short, "t.jsonl line 4")).toThrow(
      "t.jsonl line 4: hash_ids must be 1 id, one per 512-token block of the 20 input tokens, got 2",
    );
    const long = mooncakeLine({ input_length: 1025, hash_ids: [1, 2] });
    expect(() => parseMooncakeLine(long, "t.jsonl line 9")).toThrow(
      "t.jsonl line 9: hash_ids must be 3 ids, one per 512-token block of the 1025 input tokens, got 2",
    );
    expect(
      parseMooncakeLine(mooncakeLine({ input_length: 1024, hash_ids: [1, 2] }), "x"),
    ).toMatchObject({
      hashIds: [1, 2],
    });
  });

  it("returns undefined for a blank line", () => {
    expect(parseMooncakeLine("  \t", "here")).toBeUndefined();
  });
});
