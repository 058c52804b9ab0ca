/**
 * What the scenario form calls each option of a synthetic load. The JSON keys (`isl1Tokens`)
 * are the scenario file's words, not a reader's, so each gets a label and its unit; the key
 * itself stays in the field's tooltip for people who edit the JSON. Every load shares one
 * vocabulary (`durationS` means the same in each), so one table serves them all.
 */

/** A field's label, and the unit shown after it in brackets (none for a bare count). */
export interface OptionLabel {
  readonly label: string;
  readonly unit?: string;
}

export const LOAD_OPTION_LABELS: Readonly<Record<string, OptionLabel>> = {
  // The length of the load and the slots the sinusoidal and diurnal loads draw counts in.
  durationS: { label: "Duration", unit: "s" },
  slotS: { label: "Slot", unit: "s" },
  // The sinusoidal load: a rate swinging between two bounds, and a share of shape 1 that
  // swings likewise (Dynamo's islOslRatio).
  requestRateMinPerS: { label: "Lowest request rate", unit: "req/s" },
  requestRateMaxPerS: { label: "Highest request rate", unit: "req/s" },
  requestRatePeriodS: { label: "Request rate period", unit: "s" },
  islOslRatioMin: { label: "Lowest share of shape 1", unit: "0–1" },
  islOslRatioMax: { label: "Highest share of shape 1", unit: "0–1" },
  islOslRatioPeriodS: { label: "Period of the share of shape 1", unit: "s" },
  // The Poisson load.
  ratePerS: { label: "Request rate", unit: "req/s" },
  // The burst load: a base rate with a burst added once a period.
  baseRatePerS: { label: "Base request rate", unit: "req/s" },
  burstRatePerS: { label: "Rate a burst adds", unit: "req/s" },
  burstPeriodS: { label: "Burst period (start to start)", unit: "s" },
  burstLengthS: { label: "Burst length", unit: "s" },
  burstOffsetS: { label: "Burst start within its period", unit: "s" },
  // The diurnal load: a daily cycle around a mean.
  meanRatePerS: { label: "Mean request rate over a day", unit: "req/s" },
  amplitude: { label: "Swing either side of the mean", unit: "share of it, 0–1" },
  peakS: { label: "Peak, after the start", unit: "s" },
  // The request shapes every load draws from: two (ISL, OSL) pairs, and the prefix blocks a
  // prompt's hash ids are drawn from.
  isl1Tokens: { label: "ISL, shape 1", unit: "tokens" },
  osl1Tokens: { label: "OSL, shape 1", unit: "tokens" },
  isl2Tokens: { label: "ISL, shape 2", unit: "tokens" },
  osl2Tokens: { label: "OSL, shape 2", unit: "tokens" },
  firstShapeShare: { label: "Share of shape 1", unit: "0–1" },
  blockSizeTokens: { label: "Prefix block size", unit: "tokens" },
  totalBlocks: { label: "Distinct prefix blocks" },
};

/** The label of load option `key`; an option without one shows its key, so it stays usable. */
export function loadOptionLabel(key: string): OptionLabel {
  return LOAD_OPTION_LABELS[key] ?? { label: key };
}
