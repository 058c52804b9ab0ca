/**
 * Writes .npy bytes for tests, independently of the parser under test, following NumPy's
 * format description: magic, version, little-endian header length, a header dict padded with
 * spaces to a multiple of 64 bytes and ended by a newline, then the raw elements.
 */

export interface NpySpec {
  /** Array-protocol dtype, e.g. `<f8`, `>i2`, `|u1`; any text when `rawHeader` is set. */
  readonly descr: string;
  /** Defaults to `[values.length]`. */
  readonly shape?: readonly number[];
  /** Elements in row-major order; bigints for 8-byte integers beyond 2^53. */
  readonly values: ReadonlyArray<number | bigint>;
  /** Format version 1, 2 or 3 (default 1). */
  readonly version?: number;
  readonly fortranOrder?: boolean;
  /** Replaces the whole header dict text, for malformed-header tests. */
  readonly rawHeader?: string;
}

type Writer = (view: DataView, offset: number, value: number | bigint, le: boolean) => void;

const WRITERS: Readonly<Record<string, Writer>> = {
  f4: (view, offset, value, le) => view.setFloat32(offset, Number(value), le),
  f8: (view, offset, value, le) => view.setFloat64(offset, Number(value), le),
  i1: (view, offset, value) => view.setInt8(offset, Number(value)),
  i2: (view, offset, value, le) => view.setInt16(offset, Number(value), le),
  i4: (view, offset, value, le) => view.setInt32(offset, Number(value), le),
  i8: (view, offset, value, le) => view.setBigInt64(offset, BigInt(value), le),
  u1: (view, offset, value) => view.setUint8(offset, Number(value)),
  u2: (view, offset, value, le) => view.setUint16(offset, Number(value), le),
  u4: (view, offset, value, le) => view.setUint32(offset, Number(value), le),
  u8: (view, offset, value, le) => view.setBigUint64(offset, BigInt(value), le),
};

/** The .npy bytes of `spec`; dtypes without a writer get no data bytes. */
export function makeNpy(spec: NpySpec): Uint8Array {
  const version = spec.version ?? 1;
  const shape = spec.shape ?? [spec.values.length];
  const fortran = spec.fortranOrder ? "True" : "False";
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
  const dict =
    spec.rawHeader ??
    `{'descr': '${spec.descr}', 'fortran_order': ${fortran}, 'shape': ${shapeText}, }`;

  const lengthBytes = version === 1 ? 2 : 4;
  const prefixLength = 6 + 2 + lengthBytes;
  const unpadded = prefixLength + new TextEncoder().encode(dict).length + 1;
  const header = new TextEncoder().encode(dict + " ".repeat((64 - (unpadded % 64)) % 64) + "\n");

  const code = spec.descr.slice(-2);
  const writer = WRITERS[code];
  const itemBytes = writer === undefined ? 0 : Number(code[1]);
  const bytes = new Uint8Array(prefixLength + header.length + itemBytes * spec.values.length);
  const view = new DataView(bytes.buffer);
  bytes.set([0x93, ...new TextEncoder().encode("NUMPY"), version, 0]);
  if (lengthBytes === 2) view.setUint16(8, header.length, true);
  else view.setUint32(8, header.length, true);
  bytes.set(header, prefixLength);

  const dataStart = prefixLength + header.length;
  const littleEndian = !spec.descr.startsWith(">");
  spec.values.forEach((value, i) => writer?.(view, dataStart + i * itemBytes, value, littleEndian));
  return bytes;
}
