/**
 * The messages between the page and the simulation worker. The page sends one RunRequest per
 * worker; the worker answers with progress, then the report or an error. Cancelling is ending
 * the worker.
 */
import type { SimulationReport } from "../../sim/report/simulationReport.ts";

/** A file the person gave the page, as bytes, with the name errors should use. */
export interface GivenFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export interface RunRequest {
  /** The scenario file's JSON object, as edited. */
  readonly scenario: Record<string, unknown>;
  /** How messages name the scenario ("dynamo-sin-load.json"). */
  readonly fileName: string;
  /** The trace, when uploaded; otherwise the scenario's trace is a bundled one (or synthetic). */
  readonly trace: GivenFile | null;
  /** Dynamo profiler results, when uploaded; otherwise the bundled H200 profile. */
  readonly profile: { readonly prefill: GivenFile; readonly decode: GivenFile } | null;
}

export type WorkerMessage =
  | {
      readonly kind: "progress";
      /** Simulated seconds done, and the run's expected length (0 when unknown). */
      readonly atS: number;
      readonly expectedS: number;
      readonly arrived: number;
      readonly expectedRequests: number;
    }
  | {
      readonly kind: "done";
      readonly report: SimulationReport;
      readonly wallS: number;
      /** GPU-hours of the scenario's hindsight lower bound (sim/capacity/hindsightBound.ts). */
      readonly boundGpuHours: number;
    }
  | { readonly kind: "failed"; readonly message: string };
