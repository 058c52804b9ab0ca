import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { InputError, NotFoundError } from "../../src/errors.ts";
import type { EngineProfile } from "../../src/profile/engineProfile.ts";
import { readProfileDir } from "../../src/profile/readProfileDir.ts";
import { makeDecodeArrays, makePrefillArrays, toNpz, toPlainJson } from "./makeProfileFile.ts";

const BUNDLED = fileURLToPath(new URL("../../profiles/h200-llama3.1-8b-fp8", import.meta.url));
const PREFILL = "selected_prefill_interpolation";
const DECODE = "selected_decode_interpolation";

let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "profile-dir-test-"));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** A fresh directory under the scratch folder holding `files` (relative path -> bytes). */
async function makeDir(name: string, files: Record<string, Uint8Array>): Promise<string> {
  const dir = join(scratch, name);
  for (const [path, bytes] of Object.entries(files)) {
    await mkdir(join(dir, path, ".."), { recursive: true });
    await writeFile(join(dir, path), bytes);
  }
  await mkdir(dir, { recursive: true });
  return dir;
}

/** The bundled profile with only its JSON files, so the loader must fall back to them. */
async function makeJsonOnlyCopy(): Promise<string> {
  const dir = join(scratch, "json-only");
  for (const sub of [PREFILL, DECODE]) {
    await mkdir(join(dir, sub), { recursive: true });
    await copyFile(join(BUNDLED, sub, "raw_data.json"), join(dir, sub, "raw_data.json"));
  }
  return dir;
}

async function rejectionOf(dir: string): Promise<Error> {
  return readProfileDir(dir).then(
    () => expect.unreachable("readProfileDir should have rejected"),
    (error: Error) => error,
  );
}

describe("readProfileDir on the bundled H200 Llama-3.1-8B-FP8 profile", () => {
  let fromNpz: EngineProfile;
  let fromJson: EngineProfile;

  beforeAll(async () => {
    fromNpz = await readProfileDir(BUNDLED);
    fromJson = await readProfileDir(await makeJsonOnlyCopy());
  });

  it("names the directory as its source", () => {
    expect(fromNpz.source).toBe(BUNDLED);
  });

  it("reads identical values from the .npz files and from their JSON conversion", () => {
    expect(fromJson.prefill).toEqual(fromNpz.prefill);
    expect(fromJson.decode).toEqual(fromNpz.decode);
  });

  it("has 17 prefill ISLs from 100 to 16,372 tokens, 1,017 apart", () => {
    const expected = Array.from({ length: 17 }, (_, k) => 100 + 1017 * k);
    expect(fromNpz.prefill.islTokens).toEqual(expected);
    expect(expected[16]).toBe(16_372);
  });

  it("has TTFT in seconds: 14.296637 ms first, 37.610758 ms last, all within 14.3..38.3 ms", () => {
    const { ttftS } = fromNpz.prefill;
    expect(ttftS[0]).toBeCloseTo(0.014296637, 15);
    expect(ttftS[16]).toBeCloseTo(0.037610758, 15);
    expect(Math.min(...ttftS)).toBeCloseTo(0.014296637, 15);
    expect(Math.max(...ttftS)).toBeCloseTo(0.03830225, 15);
  });

  it("has prefill throughput = ISL / TTFT, as one request on one GPU implies", () => {
    const { islTokens, ttftS, tokensPerSPerGpu } = fromNpz.prefill;
    tokensPerSPerGpu.forEach((rate, i) =>
      expect(rate / (islTokens[i] / ttftS[i])).toBeCloseTo(1, 9),
    );
    expect(tokensPerSPerGpu[0]).toBeCloseTo(100 / 0.014296637, 6);
  });

  it("has 41 decode points, 945,029 KV tokens and six context levels", () => {
    const { decode } = fromNpz;
    expect(decode.kvUsage).toHaveLength(41);
    expect(decode.itlS).toHaveLength(41);
    expect(decode.maxKvTokens).toBe(945_029);
    const levels = [...new Set(decode.contextLengthTokens)].sort((a, b) => a - b);
    expect(levels).toEqual([350, 2997, 5644, 8291, 10938, 13585]);
  });

  it("starts the decode sweep with one sequence at context 350: KV usage 350 / 945,029", () => {
    expect(fromNpz.decode.contextLengthTokens[0]).toBe(350);
    expect(fromNpz.decode.kvUsage[0]).toBeCloseTo(350 / 945_029, 15);
  });

  it("has every ITL in seconds, between 4.36 and 44.52 ms", () => {
    for (const itlS of fromNpz.decode.itlS) {
      expect(itlS).toBeGreaterThanOrEqual(0.00435);
      expect(itlS).toBeLessThanOrEqual(0.04452);
    }
  });
});

describe("readProfileDir", () => {
  it("prefers raw_data.npz when a folder also holds raw_data.json", async () => {
    const dir = await makeDir("both-forms", {
      [`${PREFILL}/raw_data.npz`]: toNpz(makePrefillArrays()),
      [`${PREFILL}/raw_data.json`]: toPlainJson(makePrefillArrays({ prefill_ttft: [1, 2, 3, 4] })),
      [`${DECODE}/raw_data.json`]: toPlainJson(makeDecodeArrays()),
    });
    const profile = await readProfileDir(dir);
    expect(profile.prefill.ttftS).toEqual([0.01, 0.02, 0.03, 0.04]);
    expect(profile.decode.itlS).toEqual([0.005, 0.015, 0.008]);
  });

  it("rejects a missing directory with NotFoundError naming it and what belongs there", async () => {
    const dir = join(scratch, "no-such-profile");
    const error = await rejectionOf(dir);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toBe(
      `${dir}: directory not found (expected a Dynamo profile directory holding ${PREFILL}/ and ${DECODE}/)`,
    );
  });

  it("rejects a file given as the directory", async () => {
    const dir = await makeDir("file-parent", { "profile.npz": new Uint8Array([1]) });
    const error = await rejectionOf(join(dir, "profile.npz"));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toContain(`${join(dir, "profile.npz")}: not a directory`);
  });

  it("rejects a missing decode folder, naming the folder and the files expected in it", async () => {
    const dir = await makeDir("no-decode", {
      [`${PREFILL}/raw_data.npz`]: toNpz(makePrefillArrays()),
    });
    const error = await rejectionOf(dir);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toBe(
      `${join(dir, DECODE)}: directory not found (expected Dynamo's decode interpolation data in raw_data.npz or raw_data.json)`,
    );
  });

  it("rejects a prefill folder with neither data file", async () => {
    const dir = await makeDir("empty-prefill", { [`${PREFILL}/notes.txt`]: new Uint8Array([1]) });
    const error = await rejectionOf(dir);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toBe(
      `${join(dir, PREFILL)}: neither raw_data.npz nor raw_data.json found (expected Dynamo's prefill interpolation data)`,
    );
  });

  it("reports bad values with the full path of the file that holds them", async () => {
    const dir = await makeDir("bad-kv-usage", {
      [`${PREFILL}/raw_data.npz`]: toNpz(makePrefillArrays()),
      [`${DECODE}/raw_data.npz`]: toNpz(makeDecodeArrays({ x_kv_usage: [0.1, 1.5, 0.2] })),
    });
    const error = await rejectionOf(dir);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(
      `${join(dir, DECODE, "raw_data.npz")}: x_kv_usage[1] must be a finite number in [0, 1], got 1.5`,
    );
  });
});
