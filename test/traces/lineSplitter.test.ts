// Reading a file in pieces must number its lines exactly as reading the whole text does.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LineSplitter, textLines } from "../../sim/traces/textLines.ts";

/** The lines LineSplitter gives for `pieces`, fed in order. */
function splitInPieces(pieces: readonly string[]): string[] {
  const splitter = new LineSplitter();
  const lines = pieces.flatMap((piece) => splitter.push(piece));
  const last = splitter.end();
  return last === undefined ? lines : [...lines, last];
}

describe("LineSplitter", () => {
  it("joins a CRLF split between two pieces into one break", () => {
    expect(splitInPieces(["a\r", "\nb"])).toEqual(["a", "b"]);
  });

  it("ends a line at a lone CR, also at the very end", () => {
    expect(splitInPieces(["a\rb\r"])).toEqual(["a", "b"]);
    expect(splitInPieces(["a\n\r"])).toEqual(["a", ""]);
  });

  it("gives the last line without a break, and no empty line after a final break", () => {
    expect(splitInPieces(["a\nb"])).toEqual(["a", "b"]);
    expect(splitInPieces(["a\n"])).toEqual(["a"]);
    expect(splitInPieces([""])).toEqual([]);
  });

  it("agrees with textLines on the whole text, however it is cut", () => {
    const textArb = fc.array(fc.constantFrom("a", "b", "\r", "\n", "\r\n", ","), {
      maxLength: 30,
    });
    fc.assert(
      fc.property(textArb, fc.array(fc.nat(40), { maxLength: 6 }), (parts, cuts) => {
        const text = parts.join("");
        const points = [...new Set(cuts.map((c) => Math.min(c, text.length)))].sort(
          (a, b) => a - b,
        );
        const pieces: string[] = [];
        let start = 0;
        for (const point of points) {
          pieces.push(text.slice(start, point));
          start = point;
        }
        pieces.push(text.slice(start));
        expect(splitInPieces(pieces)).toEqual([...textLines(text)]);
      }),
      { numRuns: 2000 },
    );
  });
});
