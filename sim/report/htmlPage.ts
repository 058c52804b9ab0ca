import { escapeXml } from "./charts/chartSvg.ts";

/**
 * A self-contained HTML page: its title, inline CSS and body, nothing fetched from elsewhere, so
 * it opens the same from a CI artifact, a mail attachment or a disk.
 */
export function htmlPage(title: string, style: string, body: readonly string[]): string {
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeXml(title)}</title>`,
    `<style>${style}</style>`,
    "</head>",
    "<body>",
    ...body,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
