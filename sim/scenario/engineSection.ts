import { ConfigError, describeValue } from "../../src/errors.ts";
import {
  DEFAULT_ENGINE,
  kvBytesPerToken,
  LLAMA_3_1_8B_KV,
  ROUTING_POLICIES,
  type EngineOptions,
  type FailureOptions,
  type KvTransferOptions,
} from "../engine/engineOptions.ts";
import { FieldReader } from "./fieldReader.ts";

const ENGINE_FIELDS = [
  "maxContextTokens",
  "kvCache",
  "prefixCache",
  "routing",
  "prefillBatching",
  "kvTransfer",
  "failures",
  "nonStreamingShare",
];

/**
 * Reads a scenario's "engine" section (every part optional, DEFAULT_ENGINE filling the rest):
 *
 *     "engine": {
 *       "maxContextTokens": 16384,
 *       "kvCache": { "mode": "paged", "blockSize": 16, "maxPreemptions": 8 },
 *       "prefixCache": { "enabled": true, "capacityBlocks": 4000 },
 *       "routing": { "prefill": "kv-aware", "decode": "least-loaded" },
 *       "prefillBatching": { "mode": "chunked", "tokenBudget": 8192 },
 *       "kvTransfer": { "bandwidthGBps": 50, "latencyUs": 20, "sharing": "cluster",
 *                       "model": { "layers": 32, "kvHeads": 8, "headDim": 128, "bytesPerValue": 2 } },
 *       "failures": { "meanTimeBetweenFailuresH": 24, "migrationLimit": 3 },
 *       "nonStreamingShare": 0.1
 *     }
 *
 * "kvTransfer": false turns the transfer off; "failures" is off unless given. The draws follow
 * the scenario's seed.
 */
export function parseEngine(raw: unknown, file: string, seed: number): EngineOptions {
  if (raw === undefined) return { ...DEFAULT_ENGINE, seed };
  const fields = new FieldReader(raw, file, "engine", ENGINE_FIELDS);
  const defaults = DEFAULT_ENGINE;

  const kv = section(fields, "kvCache", ["mode", "blockSize", "maxPreemptions"]);
  const prefix = section(fields, "prefixCache", ["enabled", "capacityBlocks"]);
  const routing = section(fields, "routing", ["prefill", "decode"]);
  const batching = section(fields, "prefillBatching", ["mode", "tokenBudget"]);
  return {
    maxContextTokens: fields.has("maxContextTokens")
      ? fields.number("maxContextTokens", undefined, { whole: true, min: 1 })
      : null,
    kvCache: {
      mode: kv.choice("mode", ["paged", "reserve"], defaults.kvCache.mode),
      blockSize: kv.number("blockSize", defaults.kvCache.blockSize, { whole: true, min: 1 }),
      maxPreemptions: kv.number("maxPreemptions", defaults.kvCache.maxPreemptions, {
        whole: true,
        min: 0,
      }),
    },
    prefixCache: {
      enabled: prefix.boolean("enabled", defaults.prefixCache.enabled),
      // The traces' hash ids name 512-token blocks (Mooncake's, checked when a trace is read).
      blockTokens: defaults.prefixCache.blockTokens,
      capacityBlocks: prefix.has("capacityBlocks")
        ? prefix.number("capacityBlocks", undefined, { whole: true, min: 1 })
        : null,
    },
    routing: {
      prefill: routing.choice("prefill", ROUTING_POLICIES, defaults.routing.prefill),
      decode: routing.choice("decode", ROUTING_POLICIES, defaults.routing.decode),
    },
    prefillBatching: {
      mode: batching.choice("mode", ["single", "chunked"], defaults.prefillBatching.mode),
      tokenBudget: batching.number("tokenBudget", defaults.prefillBatching.tokenBudget, {
        whole: true,
        min: 1,
      }),
    },
    kvTransfer: parseKvTransfer(fields),
    failures: fields.has("failures") ? parseFailures(fields) : null,
    nonStreamingShare: fields.number("nonStreamingShare", 0, { min: 0, max: 1 }),
    seed,
  };
}

/** A sub-object of the engine section (an empty one when absent). */
function section(fields: FieldReader, name: string, known: readonly string[]): FieldReader {
  const raw = fields.has(name) ? fields.raw(name) : {};
  return new FieldReader(raw, fields.file, `engine.${name}`, known);
}

function parseKvTransfer(fields: FieldReader): KvTransferOptions | null {
  const defaults = DEFAULT_ENGINE.kvTransfer as KvTransferOptions;
  const raw = fields.raw("kvTransfer");
  if (raw === false) return null;
  if (raw !== undefined && (typeof raw !== "object" || raw === null || Array.isArray(raw))) {
    throw new ConfigError(
      `${fields.where("kvTransfer")} must be an object, or false for no transfer, got ${describeValue(raw)}`,
    );
  }
  const known = ["bandwidthGBps", "latencyUs", "sharing", "model", "bytesPerToken"];
  const transfer = section(fields, "kvTransfer", known);
  if (transfer.has("model") && transfer.has("bytesPerToken")) {
    throw new ConfigError(
      `${transfer.where("model")}: give the model's KV shape or bytesPerToken, not both`,
    );
  }
  let bytesPerToken = defaults.bytesPerToken;
  if (transfer.has("bytesPerToken")) {
    bytesPerToken = transfer.number("bytesPerToken", undefined, { above: 0, max: 2 ** 40 });
  } else if (transfer.has("model")) {
    const shape = new FieldReader(transfer.raw("model"), fields.file, "engine.kvTransfer.model", [
      "layers",
      "kvHeads",
      "headDim",
      "bytesPerValue",
    ]);
    // Bounds well beyond any model, which keep the product of the four a finite number.
    const count = { whole: true, min: 1, max: 100_000 };
    bytesPerToken = kvBytesPerToken({
      layers: shape.number("layers", LLAMA_3_1_8B_KV.layers, count),
      kvHeads: shape.number("kvHeads", LLAMA_3_1_8B_KV.kvHeads, count),
      headDim: shape.number("headDim", LLAMA_3_1_8B_KV.headDim, count),
      bytesPerValue: shape.number("bytesPerValue", LLAMA_3_1_8B_KV.bytesPerValue, {
        above: 0,
        max: 16,
      }),
    });
  }
  return {
    bytesPerToken,
    bandwidthBytesPerS:
      transfer.number("bandwidthGBps", defaults.bandwidthBytesPerS / 1e9, { above: 0 }) * 1e9,
    latencyS: transfer.number("latencyUs", defaults.latencyS * 1e6, { min: 0 }) / 1e6,
    sharing: transfer.choice("sharing", ["per-prefill-replica", "cluster"], defaults.sharing),
  };
}

function parseFailures(fields: FieldReader): FailureOptions {
  const failures = section(fields, "failures", ["meanTimeBetweenFailuresH", "migrationLimit"]);
  return {
    meanTimeBetweenFailuresS:
      failures.number("meanTimeBetweenFailuresH", undefined, { above: 0 }) * 3600,
    migrationLimit: failures.number("migrationLimit", 3, { whole: true, min: 0 }),
  };
}
