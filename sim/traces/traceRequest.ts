/** One request of a trace, as the simulator replays it. */
export interface TraceRequest {
  /** Arrival time, in seconds from the start of the trace. */
  readonly arrivalS: number;
  /** Input sequence length (prompt tokens). */
  readonly islTokens: number;
  /** Output sequence length (generated tokens). */
  readonly oslTokens: number;
  /** Prefix-block ids (Mooncake `hash_ids`), when the trace has them. */
  readonly hashIds?: readonly number[];
}
