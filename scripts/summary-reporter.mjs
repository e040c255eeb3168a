// Prints one plain closing line, "tests: N passed, N failed, N skipped", after web-test-runner's own report, and
// writes it to the file TEST_SUMMARY names, if any (for scripts/test.mjs, which adds the Node tests' counts to it).
import { writeFileSync } from 'node:fs';

export function summaryReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const counts = { passed: 0, failed: 0, skipped: 0 };
      const visit = (suite) => {
        for (const test of suite?.tests ?? [])
          counts[test.skipped ? 'skipped' : test.passed ? 'passed' : 'failed'] += 1;
        for (const child of suite?.suites ?? []) visit(child);
      };
      for (const session of sessions) {
        visit(session.testResults);
        // A file that failed to load ran no tests; count it as a failure so the line never reads all green.
        if (!session.passed && !session.testResults?.tests?.length && !session.testResults?.suites?.length)
          counts.failed += 1;
      }
      const line = `tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`;
      console.log(`\n${line}`);
      if (process.env.TEST_SUMMARY) writeFileSync(process.env.TEST_SUMMARY, `${line}\n`);
    },
  };
}
