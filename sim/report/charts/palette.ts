/**
 * Colours and dash patterns for chart lines. The colours are Okabe and Ito's palette, chosen to
 * stay distinct under the common forms of colour blindness; each series also gets its own dash
 * pattern, so lines stay apart in grey-scale print too.
 */

export const OKABE_ITO = {
  black: "#000000",
  orange: "#E69F00",
  skyBlue: "#56B4E9",
  bluishGreen: "#009E73",
  yellow: "#F0E442",
  blue: "#0072B2",
  vermillion: "#D55E00",
  reddishPurple: "#CC79A7",
} as const;

/** Dash patterns in pixels, one per series of a chart, in order; `[]` is solid. */
export const DASHES = {
  solid: [] as number[],
  dashed: [6, 3],
  dotted: [2, 2],
  dashDot: [8, 3, 2, 3],
  long: [12, 4],
  /** Sparse dots, kept for a compared run's lines (B), which no chart of a run uses itself. */
  sparse: [1, 4],
} as const;

/** Colour of target and budget lines: black reads as "the limit" against the coloured data. */
export const REFERENCE_COLOUR = OKABE_ITO.black;

/** Colour of event marks (metrics lost and back): grey, so they do not read as limits. */
export const EVENT_COLOUR = "#6E6E6E";

/** Fill of shaded bands: light enough that lines stay readable on top. */
export const BAND_FILL = "#E8E8E8";
