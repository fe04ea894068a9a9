import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/** Ends the run with one plain "N passed, N failed, N skipped" line, which CI reads in any language. */
export default class ClosingLineReporter implements Reporter {
  private readonly outcome = new Map<string, TestResult['status']>();

  onTestEnd(test: TestCase, result: TestResult): void {
    this.outcome.set(test.id, result.status);
  }

  onEnd(_result: FullResult): void {
    const all = [...this.outcome.values()];
    const passed = all.filter((s) => s === 'passed').length;
    const skipped = all.filter((s) => s === 'skipped').length;
    process.stdout.write(`\nplaywright: ${passed} passed, ${all.length - passed - skipped} failed, ${skipped} skipped\n`);
  }
}
