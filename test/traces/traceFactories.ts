// Small builders for trace fixtures, so each test shows only the fields it is about.
import type { TraceRequest } from "../../sim/traces/traceRequest.ts";

/** A request with plausible defaults, overridden field by field. */
export function makeRequest(overrides: Partial<TraceRequest> = {}): TraceRequest {
  return { arrivalS: 0, islTokens: 100, oslTokens: 10, ...overrides };
}

/** Requests arriving at the given instants, with distinct ISLs so that they can be told apart. */
export function requestsAt(arrivalsS: readonly number[]): TraceRequest[] {
  return arrivalsS.map((arrivalS, index) => makeRequest({ arrivalS, islTokens: index + 1 }));
}

/** One Mooncake JSONL line: valid defaults, `overrides` on top, fields in `omit` left out. */
export function mooncakeLine(
  overrides: Record<string, unknown> = {},
  omit: readonly string[] = [],
): string {
  const record: Record<string, unknown> = {
    timestamp: 0,
    input_length: 100,
    output_length: 10,
    ...overrides,
  };
  for (const field of omit) delete record[field];
  return JSON.stringify(record);
}

/** An Azure trace text: the standard header, then one row per [timestamp, isl, osl]. */
export function azureText(rows: readonly (readonly [string, number | string, number | string])[]) {
  const lines = rows.map((cells) => cells.join(","));
  return ["TIMESTAMP,ContextTokens,GeneratedTokens", ...lines].join("\r\n");
}

/** Everything a sync or async request stream produces, in order. */
export async function collect(
  requests: Iterable<TraceRequest> | AsyncIterable<TraceRequest>,
): Promise<TraceRequest[]> {
  const collected: TraceRequest[] = [];
  for await (const request of requests) collected.push(request);
  return collected;
}

/** The same requests as an async stream, as a trace file being read would give them. */
export async function* asAsync(requests: Iterable<TraceRequest>): AsyncGenerator<TraceRequest> {
  for (const request of requests) yield request;
}

/** Whether no request arrives before the one in front of it. */
export function isInArrivalOrder(requests: readonly TraceRequest[]): boolean {
  return requests.every((request, i) => i === 0 || requests[i - 1].arrivalS <= request.arrivalS);
}

/** The BurstGPT_1/2 header, in the published files' column order. */
export const BURSTGPT_HEADER =
  "Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type";

/** A BurstGPT trace text: the standard header, then one row per [timestamp, request, response]. */
export function burstGptText(
  rows: readonly (readonly [number | string, number | string, number | string])[],
): string {
  const lines = rows.map(([timestamp, requestTokens, responseTokens]) => {
    const total = Number(requestTokens) + Number(responseTokens);
    return `${timestamp},ChatGPT,${requestTokens},${responseTokens},${total},Conversation log`;
  });
  return [BURSTGPT_HEADER, ...lines].join("\n");
}
