/**
 * Reads NumPy's .npy array format (versions 1.0, 2.0 and 3.0) for the numeric dtypes a profile
 * can hold. Pure: works on bytes alone, so the same code loads profiles in Node and the browser.
 * Layout: magic `\x93NUMPY`, major and minor version bytes, the header length (2 bytes little-
 * endian in 1.0, 4 bytes from 2.0 on), the header dict text, then the raw elements.
 */

import { InputError, describeValue } from "../errors.ts";
import { parseNpyHeader, type PythonValue } from "./npyHeader.ts";

/** One array read from a .npy: its values flattened in C (row-major) order, and its shape. */
export interface NpyArray {
  /** The dtype as the file spells it, e.g. `<f8`. */
  readonly descr: string;
  /** Extent of each dimension; empty for a 0-d (scalar) array. */
  readonly shape: readonly number[];
  /** All elements, row-major; the count is the product of `shape`. */
  readonly values: readonly number[];
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // "\x93NUMPY"

/** Parses .npy bytes; `where` names the array in errors, e.g. `x.npz: array "z_itl"`. */
export function parseNpy(bytes: Uint8Array, where: string): NpyArray {
  // 1. Preamble: magic, version, header length.
  if (bytes.length < 10 || MAGIC.some((byte, i) => bytes[i] !== byte)) {
    throw new InputError(
      `${where}: not a .npy array (expected the magic bytes 93 4e 55 4d 50 59, found ${hexBytes(bytes, 6)})`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const major = bytes[6];
  if (major < 1 || major > 3) {
    throw new InputError(
      `${where}: .npy format version ${major}.${bytes[7]} is not supported (expected 1.0, 2.0 or 3.0)`,
    );
  }
  const headerStart = major === 1 ? 10 : 12;
  if (bytes.length < headerStart)
    throw truncated(where, "header length", headerStart, bytes.length);
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const dataStart = headerStart + headerLength;
  if (bytes.length < dataStart) throw truncated(where, "header", dataStart, bytes.length);

  // 2. Header: dtype, order and shape.
  const headerBytes = bytes.subarray(headerStart, dataStart);
  const header = parseNpyHeader(
    major === 3 ? readUtf8(headerBytes, where) : readLatin1(headerBytes),
    where,
  );
  const element = parseDescr(header.descr, where);
  const count = header.shape.reduce((product, extent) => product * extent, 1);
  requireRowMajor(header.fortranOrder, header.shape, where);

  // 3. Data: check the length before touching it, then read every element.
  const dataLength = count * element.bytes;
  if (bytes.length - dataStart < dataLength) {
    throw truncated(
      where,
      `data of shape ${describeValue(header.shape)}`,
      dataLength,
      bytes.length - dataStart,
    );
  }
  const values = new Array<number>(count);
  for (let i = 0; i < count; i += 1) {
    values[i] = element.read(view, dataStart + i * element.bytes, i, where);
  }
  return { descr: header.descr as string, shape: header.shape, values };
}

/** How to read one element of a supported dtype. */
interface ElementType {
  readonly bytes: number;
  readonly read: (view: DataView, offset: number, index: number, where: string) => number;
}

type Reader = (view: DataView, offset: number, littleEndian: boolean) => number | bigint;

const READERS: Readonly<Record<string, Reader>> = {
  f4: (view, offset, le) => view.getFloat32(offset, le),
  f8: (view, offset, le) => view.getFloat64(offset, le),
  i1: (view, offset) => view.getInt8(offset),
  i2: (view, offset, le) => view.getInt16(offset, le),
  i4: (view, offset, le) => view.getInt32(offset, le),
  i8: (view, offset, le) => view.getBigInt64(offset, le),
  u1: (view, offset) => view.getUint8(offset),
  u2: (view, offset, le) => view.getUint16(offset, le),
  u4: (view, offset, le) => view.getUint32(offset, le),
  u8: (view, offset, le) => view.getBigUint64(offset, le),
};

const MAX_EXACT = BigInt(Number.MAX_SAFE_INTEGER);

function parseDescr(descr: PythonValue, where: string): ElementType {
  const match = typeof descr === "string" ? /^([<>|=]?)([fiu][1248])$/.exec(descr) : null;
  const read = match === null ? undefined : READERS[match[2]];
  if (match === null || read === undefined) {
    throw new InputError(
      `${where}: dtype ${describeValue(descr)} is not supported (expected a float or integer dtype)`,
    );
  }
  const bytes = Number(match[2].slice(1));
  const order = match[1];
  // NumPy writes '|' only for one-byte types; for wider ones the byte order would be a guess.
  if (bytes > 1 && (order === "|" || order === "" || order === "=")) {
    throw new InputError(
      `${where}: dtype ${describeValue(descr)} has no byte order (expected '<' or '>' for a ${bytes}-byte type)`,
    );
  }
  const littleEndian = order !== ">";
  return {
    bytes,
    read: (view, offset, index, at) => toExactNumber(read(view, offset, littleEndian), index, at),
  };
}

/** 64-bit integers become JS numbers only while every value stays exact (|v| ≤ 2^53 − 1). */
function toExactNumber(value: number | bigint, index: number, where: string): number {
  if (typeof value === "number") return value;
  if (value > MAX_EXACT || value < -MAX_EXACT) {
    throw new InputError(
      `${where}: element [${index}] must be within ±${MAX_EXACT} to be held exactly, got ${value}`,
    );
  }
  return Number(value);
}

/** Column-major data equals row-major data when at most one dimension is longer than 1. */
function requireRowMajor(fortranOrder: boolean, shape: readonly number[], where: string): void {
  if (!fortranOrder || shape.filter((extent) => extent > 1).length <= 1) return;
  throw new InputError(
    `${where}: fortran_order True with shape ${describeValue(shape)} is not supported (expected C order for a multi-dimensional array)`,
  );
}

function truncated(where: string, part: string, expected: number, found: number): InputError {
  return new InputError(
    `${where}: ${part} is truncated (expected ${expected} bytes, found ${found})`,
  );
}

function readLatin1(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => String.fromCharCode(byte)).join("");
}

function readUtf8(bytes: Uint8Array, where: string): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(
      `${where}: header of a version 3.0 .npy must be UTF-8 text, found invalid bytes`,
    );
  }
}

/** "bytes" and the first `count` bytes as hex pairs, for messages about what a file starts with. */
export function hexBytes(bytes: Uint8Array, count: number): string {
  if (bytes.length === 0) return "no bytes";
  const pairs = Array.from(bytes.subarray(0, count), (byte) => byte.toString(16).padStart(2, "0"));
  return `bytes ${pairs.join(" ")}`;
}
