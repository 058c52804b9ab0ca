import type { Reporter, TestModule } from "vitest/node";

/**
 * Ends a run with one plain line, `tests: N passed, N failed, N skipped`, which any CI reads,
 * whatever it knows of vitest's own summary.
 */
export default class PlainSummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const counts = { passed: 0, failed: 0, skipped: 0, pending: 0 };
    for (const module of testModules) {
      for (const test of module.children.allTests()) counts[test.result().state] += 1;
    }
    const skipped = counts.skipped + counts.pending;
    process.stdout.write(
      `tests: ${counts.passed} passed, ${counts.failed} failed, ${skipped} skipped\n`,
    );
  }
}
