import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";

import { InputError } from "../../src/errors.ts";
import { parseNpz } from "../../src/profile/npz.ts";
import { makeNpy } from "./makeNpy.ts";
import { thrownBy } from "../support/thrownBy.ts";

const FILE = "selected_decode_interpolation/raw_data.npz";

function makeArchive(level: 0 | 6): Uint8Array {
  return zipSync(
    {
      "z_itl.npy": makeNpy({ descr: "<f8", values: [4.5, 9.25] }),
      "max_kv_tokens.npy": makeNpy({ descr: "<i8", values: [945_029] }),
      "notes.txt": new TextEncoder().encode("not an array"),
    },
    { level },
  );
}

describe("parseNpz", () => {
  it.each([
    ["stored", 0],
    ["deflated", 6],
  ] as const)("reads %s entries by array name without .npy", (_, level) => {
    const arrays = parseNpz(makeArchive(level), FILE);
    expect([...arrays.keys()].sort()).toEqual(["max_kv_tokens", "z_itl"]);
    expect(arrays.get("z_itl")).toEqual({ descr: "<f8", shape: [2], values: [4.5, 9.25] });
    expect(arrays.get("max_kv_tokens")?.values).toEqual([945_029]);
  });

  it("deflating really compresses, so both entry methods are exercised", () => {
    expect(makeArchive(6).length).toBeLessThan(makeArchive(0).length);
  });

  it("parses only the requested arrays, so an unsupported extra array does no harm", () => {
    const archive = zipSync({
      "z_itl.npy": makeNpy({ descr: "<f8", values: [1] }),
      "labels.npy": makeNpy({ descr: "<U3", values: [] }),
    });
    const arrays = parseNpz(archive, FILE, ["z_itl", "x_kv_usage"]);
    expect([...arrays.keys()]).toEqual(["z_itl"]);
  });

  it("names the file and the array when an entry is not a supported .npy", () => {
    const archive = zipSync({ "z_itl.npy": makeNpy({ descr: "<U3", values: [] }) });
    const error = thrownBy(() => parseNpz(archive, FILE));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(
      `${FILE}: array "z_itl": dtype "<U3" is not supported (expected a float or integer dtype)`,
    );
  });

  it("rejects bytes that are not a zip, naming the file", () => {
    const error = thrownBy(() => parseNpz(new TextEncoder().encode("PK but no archive"), FILE));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(
      /^selected_decode_interpolation\/raw_data\.npz: not a readable \.npz archive \(expected a zip of \.npy files; .+\)$/,
    );
  });

  it("rejects a zip cut short", () => {
    const archive = makeArchive(6);
    const error = thrownBy(() => parseNpz(archive.subarray(0, archive.length - 30), FILE));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain(`${FILE}: not a readable .npz archive`);
  });
});
