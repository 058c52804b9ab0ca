/** What one benchmark run measured, as benchScenario.ts writes it (one JSON line). */
export interface BenchFigures {
  readonly scenario: string;
  /** Requests that arrived. */
  readonly requests: number;
  /** Simulated seconds the run covered. */
  readonly simulatedS: number;
  /** Wall-clock seconds of the run itself, loading the profile excluded. */
  readonly wallS: number;
  /**
   * CPU seconds the process spent over the same span, all its threads together. Pinned to one
   * CPU this matches the wall time on an idle machine, and stays near it on a busy one.
   */
  readonly cpuS: number;
  readonly requestsPerWallS: number;
  /** The process's peak resident memory (includes Node and tsx themselves). */
  readonly peakRssMiB: number;
  /**
   * Highest V8 heap in use plus external memory (typed arrays), among the samples taken at each
   * planner interval and at the end of the run.
   */
  readonly peakHeapUsedMiB: number;
  /** Most GPUs the fleet held after any planner decision. */
  readonly peakGpus: number;
  readonly maxGpuBudget: number;
  /** Share of completed requests that met both latency targets (null when none completed). */
  readonly slaAttainment: number | null;
}
