// The real traces in scenarios/traces/ stream end to end. Expected counts and values come
// from the files themselves and their provenance notes (scenarios/traces/PROVENANCE.md).
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseTraceText } from "../../sim/traces/parseTraceText.ts";
import { readTrace } from "../../sim/traces/readTrace.ts";
import type { TraceRequest } from "../../sim/traces/traceRequest.ts";

const tracePath = (name: string) =>
  fileURLToPath(new URL(`../../scenarios/traces/${name}`, import.meta.url));

interface StreamSummary {
  count: number;
  first?: TraceRequest;
  last?: TraceRequest;
  isInOrder: boolean;
}

// Summarised while streaming, so the test holds no more of the trace than the reader does.
async function summarise(requests: AsyncIterable<TraceRequest>): Promise<StreamSummary> {
  const summary: StreamSummary = { count: 0, isInOrder: true };
  for await (const request of requests) {
    if (summary.last !== undefined && request.arrivalS < summary.last.arrivalS) {
      summary.isInOrder = false;
    }
    summary.first ??= request;
    summary.last = request;
    summary.count += 1;
  }
  return summary;
}

describe("bundled traces", () => {
  it("AzureLLMInferenceTrace_conv.csv: 19,366 requests over 3,501.7219370 s", async () => {
    const summary = await summarise(readTrace(tracePath("AzureLLMInferenceTrace_conv.csv")));
    expect(summary.count).toBe(19_366);
    expect(summary.isInOrder).toBe(true);
    // First row 18:15:46.6805900 (374, 44); last row 19:14:08.4025270 (197, 183):
    // 58 min 22 s less 0.2780630 s.
    expect(summary.first).toEqual({ arrivalS: 0, islTokens: 374, oslTokens: 44 });
    expect(summary.last).toEqual({ arrivalS: 3501.721937, islTokens: 197, oslTokens: 183 });
  });

  it("AzureLLMInferenceTrace_code.csv: 8,819 requests over 3,435.9480560 s", async () => {
    const summary = await summarise(readTrace(tracePath("AzureLLMInferenceTrace_code.csv")));
    expect(summary.count).toBe(8_819);
    expect(summary.isInOrder).toBe(true);
    // First row 18:17:03.9799600 (4808, 10); last row 19:14:19.9280160 (549, 173):
    // 57 min 16 s less 0.0519440 s.
    expect(summary.first).toEqual({ arrivalS: 0, islTokens: 4808, oslTokens: 10 });
    expect(summary.last).toEqual({ arrivalS: 3435.948056, islTokens: 549, oslTokens: 173 });
  });

  it("conversation_trace.jsonl: 12,031 requests, the last at 3,536,999 ms", async () => {
    const summary = await summarise(readTrace(tracePath("conversation_trace.jsonl")));
    expect(summary.count).toBe(12_031);
    expect(summary.isInOrder).toBe(true);
    expect(summary.first).toEqual({
      arrivalS: 0,
      islTokens: 6758,
      oslTokens: 500,
      hashIds: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13],
    });
    // The last row: 20,774 prompt tokens in ceil(20774 / 512) = 41 blocks of 512.
    expect(summary.last?.arrivalS).toBe(3536.999);
    expect([summary.last?.islTokens, summary.last?.oslTokens]).toEqual([20_774, 508]);
    expect(summary.last?.hashIds).toHaveLength(41);
  });

  it("reads the same conversation requests from text as from the file stream", async () => {
    const path = tracePath("AzureLLMInferenceTrace_conv.csv");
    const fromText = [...parseTraceText(await readFile(path, "utf8"), "azure", path)];
    const fromFile: TraceRequest[] = [];
    for await (const request of readTrace(path)) fromFile.push(request);
    expect(fromText).toEqual(fromFile);
  });
});
