// Parsing /api/v1/query replies without a server: the cases a real Prometheus rarely produces.
import { describe, expect, it } from "vitest";
import { parsePromValue, parseQueryResponse } from "../../src/live/prometheusClient.ts";

describe("parsePromValue", () => {
  it("reads decimals and Prometheus's special values", () => {
    expect(parsePromValue("1.5e3")).toBe(1500);
    expect(parsePromValue("+Inf")).toBe(Infinity);
    expect(parsePromValue("-Inf")).toBe(-Infinity);
    expect(parsePromValue("NaN")).toBeNaN();
  });

  it("reads anything else as NaN: no number", () => {
    for (const text of ["", " ", "abc", undefined, 12, null])
      expect(parsePromValue(text)).toBeNaN();
  });
});

describe("parseQueryResponse", () => {
  it("reads a vector, its labels and values", () => {
    const body = JSON.stringify({
      status: "success",
      data: { resultType: "vector", result: [{ metric: { model: "m" }, value: [1, "2.5"] }] },
    });
    expect(parseQueryResponse(200, body)).toEqual({
      kind: "vector",
      samples: [{ labels: { model: "m" }, value: 2.5 }],
    });
  });

  it("reads a scalar as one sample without labels", () => {
    const body = JSON.stringify({
      status: "success",
      data: { resultType: "scalar", result: [1, "NaN"] },
    });
    const outcome = parseQueryResponse(200, body);
    expect(outcome.kind === "vector" && Number.isNaN(outcome.samples[0].value)).toBe(true);
  });

  it("reports Prometheus's own errors with their type and HTTP status", () => {
    const body = JSON.stringify({ status: "error", errorType: "execution", error: "timeout" });
    expect(parseQueryResponse(503, body)).toEqual({
      kind: "error",
      reason: "execution (HTTP 503): timeout",
    });
  });

  it("refuses a range query's matrix, and calls a reply that is not Prometheus's unreachable", () => {
    const matrix = JSON.stringify({
      status: "success",
      data: { resultType: "matrix", result: [] },
    });
    expect(parseQueryResponse(200, matrix)).toEqual({
      kind: "error",
      reason: "expected an instant vector, got a matrix",
    });
    expect(parseQueryResponse(502, "<html>Bad gateway</html>")).toEqual({
      kind: "unreachable",
      reason: "HTTP 502 with a body that is not JSON",
    });
    expect(parseQueryResponse(200, "{}")).toEqual({
      kind: "unreachable",
      reason: "HTTP 200 without a Prometheus query result",
    });
  });
});
