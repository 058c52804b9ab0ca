/** The lines of `text`, without their breaks, produced one at a time; no final empty line. */
export function* textLines(text: string): Generator<string> {
  // The same breaks Node's readline recognises (CRLF, LF, lone CR), so a text split here and
  // a file streamed by readTrace number their lines identically.
  const lineBreaks = /\r\n|\n|\r/g;
  let lineStart = 0;
  for (let found = lineBreaks.exec(text); found !== null; found = lineBreaks.exec(text)) {
    yield text.slice(lineStart, found.index);
    lineStart = found.index + found[0].length;
  }
  if (lineStart < text.length) yield text.slice(lineStart);
}

/** `line` without a leading byte-order mark, which some editors put at the start of a file. */
export function withoutByteOrderMark(line: string): string {
  return line.charCodeAt(0) === 0xfeff ? line.slice(1) : line;
}

/**
 * Cuts text arriving in pieces into the lines textLines would give for the whole text: a line
 * ends at \n, \r\n or a lone \r, and a piece may end in the middle of a line or between the \r
 * and \n of one break.
 */
export class LineSplitter {
  private carry = "";

  /** The lines completed by this piece. */
  push(piece: string): string[] {
    let text = this.carry + piece;
    // A final \r may be the first half of \r\n: wait for the next piece to tell.
    let heldBack = "";
    if (text.endsWith("\r")) {
      heldBack = "\r";
      text = text.slice(0, -1);
    }
    const lines = text.split(/\r\n|\n|\r/);
    this.carry = (lines.pop() as string) + heldBack;
    return lines;
  }

  /** The last line: one the text ended in without a break, or one a final lone \r ended. */
  end(): string | undefined {
    const rest = this.carry;
    this.carry = "";
    if (rest.endsWith("\r")) return rest.slice(0, -1);
    return rest.length > 0 ? rest : undefined;
  }
}
