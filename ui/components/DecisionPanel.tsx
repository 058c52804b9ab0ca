/**
 * The planner's decision record for the interval under the pointer: what it observed, what it
 * predicted, each sizing term, each clamp and why, and what it asked for.
 */
import type { IntervalRecord } from "../../sim/engine/runSimulation.ts";
import type { ImprovedSizing } from "../../src/planner/index.ts";
import { replicaTermLabel } from "./replicaTermLabels.ts";

const fmt = (value: number | null | undefined, digits = 3) =>
  value === null || value === undefined || !Number.isFinite(value)
    ? "–"
    : Number(value.toPrecision(digits)).toLocaleString("en-US");

/** A replica term as printed: numbers rounded, yes/no for flags, a dash for "none". */
function termValue(value: unknown): string {
  if (typeof value === "number") return fmt(value);
  if (typeof value === "boolean") return value ? "yes" : "no";
  return value === null ? "–" : String(value);
}

/** What the decode fleet was sized for, in the words of the decision record. */
const DECODE_SIZING = {
  aim: "the corrected aim",
  target: "the aim is out of reach: the corrected target",
  "keep-up": "ITL out of reach: keeping up",
} as const;

/** Why the expected TTFT may stand above the target: a prompt too long, or the budget. */
function ttftNote(s: ImprovedSizing): string {
  if (!s.ttftTargetReachable) return " (target unreachable)";
  return s.ttftTargetMet ? "" : " (target not met within the budget)";
}

export function DecisionPanel(props: { interval: IntervalRecord | undefined }) {
  const interval = props.interval;
  if (interval === undefined) {
    return (
      <aside className="decision" aria-label="Decision record">
        <p className="note">
          Point at an interval on the charts (or focus a chart and use ← →) to see the planner's
          decision.
        </p>
      </aside>
    );
  }
  const { decision, observed } = interval;
  const lengthS = interval.endS - interval.startS;
  // Each term: its label, its value as printed, and the record's key (for replica terms, whose
  // key the tooltip keeps for people reading the JSON report).
  const terms: [string, string, string?][] = [];
  if (decision.sizing !== null) {
    const s = decision.sizing;
    terms.push(
      ["Predicted arrivals", `${fmt(s.arrivalsPerS)} req/s`],
      ["Prefill time per prompt", `${fmt(s.prefillServiceS * 1000)} ms`],
      ["Prefill engines to keep up", fmt(s.prefillEnginesToKeepUp)],
      ["Expected TTFT", `${fmt(s.expectedTtftS * 1000)} ms${ttftNote(s)}`],
      ["Corrected ITL aim", `${fmt(s.correctedItlS * 1000)} ms`],
      [
        "Decode sized for",
        `${fmt(s.decodeSizedAtItlS * 1000)} ms (${DECODE_SIZING[s.decodeSizing]})`,
      ],
      ["Decode batch within it", fmt(s.decodeBatchSize)],
      ["Tokens/s per decode engine", fmt(s.decodeTokensPerSPerEngine)],
      ["Tokens/s to serve", fmt(s.decodeTokensPerS)],
      ["Decode engines to keep up", fmt(s.decodeEnginesToKeepUp)],
      ["Raw replicas", `${s.rawPrefill} P / ${s.rawDecode} D`],
    );
  }
  if (decision.replicas !== null) {
    for (const [key, value] of Object.entries(decision.replicas)) {
      terms.push([replicaTermLabel(key), termValue(value), key]);
    }
  }
  return (
    <aside className="decision" aria-label="Decision record" data-testid="decision">
      <h3>
        Interval {interval.index + 1}: {fmt(interval.startS / 60, 4)}–{fmt(interval.endS / 60, 4)}{" "}
        min · {interval.action}
      </h3>
      <dl>
        <dt>Observed</dt>
        <dd>
          {fmt(observed.numReq / lengthS)} req/s, ISL {fmt(observed.islTokens)}, OSL{" "}
          {fmt(observed.oslTokens)}, TTFT {fmt(observed.ttftS * 1000)} ms, ITL{" "}
          {fmt(observed.itlS * 1000)} ms; {observed.numPrefillWorkers} P /{" "}
          {observed.numDecodeWorkers} D serving ({observed.metrics ?? "ok"})
        </dd>
        {decision.predicted !== null && (
          <>
            <dt>Predicted</dt>
            <dd>
              {fmt(decision.predicted.numReq / lengthS)} req/s, ISL{" "}
              {fmt(decision.predicted.islTokens)}, OSL {fmt(decision.predicted.oslTokens)}
            </dd>
          </>
        )}
        {decision.correction !== null && (
          <>
            <dt>Correction factors</dt>
            <dd>
              prefill {fmt(decision.correction.prefill)}, decode {fmt(decision.correction.decode)}
            </dd>
          </>
        )}
        {terms.map(([label, value, key]) => (
          <div key={label} className="term">
            <dt title={key}>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
        <dt>Clamps</dt>
        <dd>
          {decision.clamps.length === 0 ? (
            "none"
          ) : (
            <ul>
              {decision.clamps.map((c, i) => (
                <li key={i}>
                  {c.role} {c.from} → {c.to} by {c.rule}: {c.reason}
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>Outcome</dt>
        <dd>
          {decision.outcome}
          {decision.reason !== null && `: ${decision.reason}`}
          {decision.target !== null &&
            ` → ${decision.target.numPrefill} P / ${decision.target.numDecode} D`}
          {interval.action === "not-ready" &&
            "; not applied: replicas were still starting, and this mode drops a decision then"}
          {interval.action === "held" &&
            decision.target !== null &&
            "; not applied: the fleet was held"}
        </dd>
      </dl>
    </aside>
  );
}
