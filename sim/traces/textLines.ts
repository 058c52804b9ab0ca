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
