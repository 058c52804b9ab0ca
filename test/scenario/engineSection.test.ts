// The scenario's "engine" section: defaults, every part read, and errors that name the field.
import { describe, expect, it } from "vitest";
import { DEFAULT_ENGINE } from "../../sim/engine/engineOptions.ts";
import { parseScenario } from "../../sim/scenario/scenario.ts";
import { ConfigError } from "../../src/errors.ts";
import { makeScenarioJson } from "../support/scenarioFactories.ts";
import { messageThrownBy } from "../support/thrownBy.ts";

const FILE = "scenarios/tiny.json";
const engineOf = (engine: unknown) => parseScenario(makeScenarioJson({ engine }), FILE).engine;
const errorFor = (engine: unknown) => messageThrownBy(() => engineOf(engine), ConfigError);

describe("a scenario's engine section", () => {
  it("reads a scrape interval up to half the adjustment interval, and refuses a longer one", () => {
    const withScrape = (prometheus: unknown) =>
      makeScenarioJson({ prometheus, planner: { adjustmentIntervalS: 60 } });
    expect(parseScenario(withScrape({ scrapeIntervalS: 30 }), FILE).scrape).toEqual({
      intervalS: 30,
      offsetS: 15,
    });
    expect(
      messageThrownBy(() => parseScenario(withScrape({ scrapeIntervalS: 60 }), FILE), ConfigError),
    ).toBe(
      `${FILE}: prometheus.scrapeIntervalS must be at most half the planner's adjustment interval (30 s), so that increase() sees two samples in every window, got 60`,
    );
    expect(
      messageThrownBy(
        () => parseScenario(withScrape({ scrapeIntervalS: 1e-9 }), FILE),
        ConfigError,
      ),
    ).toBe(`${FILE}: prometheus.scrapeIntervalS must be a number ≥ 0.1, got 1e-9`);
  });

  it("defaults to paged KV, prefix caching, shared queues and Llama-3.1-8B's 128 KiB per token", () => {
    const engine = parseScenario(makeScenarioJson({ seed: 7 }), FILE).engine;
    expect(engine).toEqual({ ...DEFAULT_ENGINE, seed: 7 });
    expect(engine.kvCache).toEqual({ mode: "paged", blockSize: 16, maxPreemptions: 8 });
    expect(engine.kvTransfer?.bytesPerToken).toBe(2 * 32 * 8 * 128 * 2);
    expect(engine.failures).toBeNull();
  });

  it("reads every part", () => {
    const engine = engineOf({
      maxContextTokens: 16384,
      kvCache: { mode: "reserve", blockSize: 32, maxPreemptions: 2 },
      prefixCache: { enabled: false, capacityBlocks: 100 },
      routing: { prefill: "kv-aware", decode: "round-robin" },
      prefillBatching: { mode: "chunked", tokenBudget: 4096 },
      kvTransfer: {
        bandwidthGBps: 25,
        latencyUs: 10,
        sharing: "cluster",
        model: { bytesPerValue: 1 },
      },
      failures: { meanTimeBetweenFailuresH: 2, migrationLimit: 1 },
      nonStreamingShare: 0.2,
    });
    expect(engine).toEqual({
      maxContextTokens: 16384,
      kvCache: { mode: "reserve", blockSize: 32, maxPreemptions: 2 },
      prefixCache: { enabled: false, blockTokens: 512, capacityBlocks: 100 },
      routing: { prefill: "kv-aware", decode: "round-robin" },
      prefillBatching: { mode: "chunked", tokenBudget: 4096 },
      kvTransfer: {
        bytesPerToken: 65_536,
        bandwidthBytesPerS: 25e9,
        latencyS: 10e-6,
        sharing: "cluster",
      },
      failures: { meanTimeBetweenFailuresS: 7200, migrationLimit: 1 },
      nonStreamingShare: 0.2,
      seed: 1,
    });
  });

  it("turns the KV transfer off with false, and takes bytes per token as given", () => {
    expect(engineOf({ kvTransfer: false }).kvTransfer).toBeNull();
    expect(engineOf({ kvTransfer: { bytesPerToken: 1000 } }).kvTransfer?.bytesPerToken).toBe(1000);
  });

  it("names the field, what it expected and what it found", () => {
    expect(errorFor({ routing: { prefill: "random" } })).toBe(
      `${FILE}: engine.routing.prefill must be one of "shared-queue", "round-robin", "least-loaded", "kv-aware", got "random"`,
    );
    expect(errorFor({ kvCache: { blockSize: 0 } })).toBe(
      `${FILE}: engine.kvCache.blockSize must be a whole number ≥ 1, got 0`,
    );
    expect(errorFor({ prefixCache: { enabled: "yes" } })).toBe(
      `${FILE}: engine.prefixCache.enabled must be true or false, got "yes"`,
    );
    expect(errorFor({ nonStreamingShare: 1.5 })).toBe(
      `${FILE}: engine.nonStreamingShare must be a number ≥ 0 and ≤ 1, got 1.5`,
    );
    expect(errorFor({ kvTransfer: { bytesPerToken: 1, model: {} } })).toBe(
      `${FILE}: engine.kvTransfer.model: give the model's KV shape or bytesPerToken, not both`,
    );
    expect(errorFor({ failures: {} })).toBe(
      `${FILE}: engine.failures.meanTimeBetweenFailuresH must be a number > 0, but it is missing`,
    );
    expect(errorFor({ cache: {} })).toContain(`${FILE}: engine: unknown field "cache"`);
    expect(errorFor({ kvTransfer: null })).toBe(
      `${FILE}: engine.kvTransfer must be an object, or false for no transfer, got null`,
    );
    expect(errorFor({ kvTransfer: { model: { layers: 1e300 } } })).toBe(
      `${FILE}: engine.kvTransfer.model.layers must be a whole number ≥ 1 and ≤ 100000, got 1e+300`,
    );
  });
});
