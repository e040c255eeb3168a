// Prints one plain closing line, "tests: N passed, N failed, N skipped", after web-test-runner's own report, and
// writes it to the file TEST_SUMMARY names, if any (for scripts/test.mjs, which adds the Node tests' counts to it),
// with each failed test's file, name and first line of error below it, so that the end of a run names what failed.
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';

export function summaryReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const counts = { passed: 0, failed: 0, skipped: 0 };
      const failures = [];
      const visit = (suite, file, names) => {
        for (const test of suite?.tests ?? []) {
          counts[test.skipped ? 'skipped' : test.passed ? 'passed' : 'failed'] += 1;
          if (!test.skipped && !test.passed)
            failures.push(`${file} › ${[...names, test.name].join(' › ')}: ${firstLine(test.error?.message)}`);
        }
        for (const child of suite?.suites ?? []) visit(child, file, [...names, child.name]);
      };
      for (const session of sessions) {
        const file = relative(process.cwd(), session.testFile);
        visit(session.testResults, file, []);
        // A file that failed to load ran no tests; count it as a failure so the line never reads all green.
        if (!session.passed && !session.testResults?.tests?.length && !session.testResults?.suites?.length) {
          counts.failed += 1;
          failures.push(`${file}: ${firstLine(session.errors?.[0]?.message ?? 'did not run')}`);
        }
      }
      const line = `tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`;
      console.log(`\n${line}`);
      if (process.env.TEST_SUMMARY)
        writeFileSync(process.env.TEST_SUMMARY, [line, ...failures.map((failure) => `  ✖ ${failure}`), ''].join('\n'));
    },
  };
}

const firstLine = (text = '') => text.split('\n')[0].slice(0, 300);
