// A JSON file's syntax error, pointed at by line and column.
import { describe, expect, it } from "vitest";
import { jsonSyntaxReason } from "../../src/errors.ts";

function reasonFor(text: string): string {
  try {
    JSON.parse(text);
  } catch (error) {
    return jsonSyntaxReason(error, text);
  }
  throw new Error("parsed");
}

describe("jsonSyntaxReason", () => {
  it("turns V8's character position into a line and column", () => {
    // The second comma on line 2 is its 15th character.
    expect(reasonFor('{"name":"x",\n "profile": 3,,\n}')).toMatch(/ at line 2 column 15$/);
  });

  it("places an input cut short where the text stops", () => {
    // "{", then '  "name": "x",', then '  "ports": [1,' and the file ends after that comma.
    expect(reasonFor('{\n  "name": "x",\n  "ports": [1,\n')).toBe(
      "Unexpected end of JSON input at line 3 column 15",
    );
  });

  it("says a file is empty rather than quoting the parser", () => {
    expect(reasonFor("  \n")).toBe("the file is empty");
  });

  it("keeps the message on one line without the text", () => {
    expect(jsonSyntaxReason(new Error("Bad\n  thing"))).toBe("Bad thing");
  });
});
