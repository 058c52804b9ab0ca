import { describe, expect, it } from "vitest";
import { ProgressLine } from "../../sim/cli/progressLine.ts";

function fakeStream(isTTY: boolean) {
  const written: string[] = [];
  const stream = { isTTY, write: (text: string) => written.push(text) > 0 };
  return { stream: stream as unknown as NodeJS.WriteStream, written };
}

describe("ProgressLine", () => {
  it("redraws one line in place on a terminal, then clears it", () => {
    const { stream, written } = fakeStream(true);
    const progress = new ProgressLine(stream);
    progress.update(3725, 1234);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(
      /^\r\x1b\[2Ksimulated 1:02:05, 1,234 requests, [\d,]+ requests per second$/,
    );
    progress.update(3726, 1235);
    expect(written).toHaveLength(1);
    progress.clear();
    expect(written.at(-1)).toBe("\r\x1b[2K");
  });

  it("writes nothing when the output is not a terminal", () => {
    const { stream, written } = fakeStream(false);
    const progress = new ProgressLine(stream);
    progress.update(60, 10);
    progress.clear();
    expect(written).toEqual([]);
  });
});
