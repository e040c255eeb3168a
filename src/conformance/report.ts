import type { CheckResult } from './checks/check.js';
import { PROMISES, promiseName } from './promises.js';
import type { ConformanceReport } from './run.js';

const MARK = { passed: '✓', failed: '✗', notRun: '–' } as const;

/** One line per check as it ends: `[ 7/41] ✓ Promise 5 · a burst … (812 ms)`. */
export function progressLine(result: CheckResult, index: number, total: number): string {
  const place = `[${String(index).padStart(String(total).length)}/${total}]`;
  const line = `${place} ${MARK[result.status]} ${promiseName(result.promise)} · ${result.name} (${Math.round(result.ms)} ms)`;
  if (result.status === 'passed') return result.reason ? `${line}\n      note: ${result.reason}` : line;
  return `${line}\n      ${result.status === 'failed' ? 'FAILED' : 'not run'}: ${result.reason}`;
}

/** The report as text: a table per promise (passed / failed / not run, and why), then the verdict. */
export function reportText(report: ConformanceReport): string {
  const lines: string[] = [];
  for (const promise of PROMISES) {
    const results = report.results.filter((result) => result.promise === promise.id);
    if (!results.length) continue;
    const count = (status: CheckResult['status']) => results.filter((result) => result.status === status).length;
    lines.push(
      '',
      `${promiseName(promise.id)}: ${promise.title}`,
      `  passed ${count('passed')} · failed ${count('failed')} · not run ${count('notRun')}`,
    );
    for (const result of results) {
      lines.push(`  ${MARK[result.status]} ${result.name}`);
      if (result.status !== 'passed')
        lines.push(`      ${result.status === 'failed' ? 'why' : 'not run'}: ${result.reason}`);
    }
  }
  const total = (status: CheckResult['status']) => report.results.filter((result) => result.status === status).length;
  const failedPromises = [
    ...new Set(report.results.filter((r) => r.status === 'failed').map((r) => promiseName(r.promise))),
  ];
  lines.push(
    '',
    `${report.results.length} checks, ${report.answers} answers inspected, ${(report.ms / 1000).toFixed(1)} s: ` +
      `${total('passed')} passed, ${total('failed')} failed, ${total('notRun')} not run.`,
    report.passed
      ? total('notRun')
        ? 'The host kept every promise the kit could check; the checks not run prove nothing either way.'
        : 'The host kept every promise.'
      : `The host broke: ${failedPromises.join(', ')}.`,
  );
  return lines.join('\n');
}

const escape = (text: string) =>
  text.replace(/[<>&"']/g, (char) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' }[char]};`);

/** JUnit XML for CI: a test suite per promise, a test case per check; a check not run is `skipped`, with why. */
export function junitXml(report: ConformanceReport): string {
  const suites = PROMISES.map((promise) => {
    const results = report.results.filter((result) => result.promise === promise.id);
    if (!results.length) return '';
    const cases = results.map((result) => {
      const open = `    <testcase classname="${escape(promiseName(promise.id))}" name="${escape(result.name)}" time="${(result.ms / 1000).toFixed(3)}"`;
      if (result.status === 'passed') return `${open}/>`;
      const child =
        result.status === 'failed'
          ? `<failure message="${escape(result.reason ?? '')}"/>`
          : `<skipped message="${escape(`not run: ${result.reason ?? ''}`)}"/>`;
      return `${open}>\n      ${child}\n    </testcase>`;
    });
    const count = (status: CheckResult['status']) => results.filter((result) => result.status === status).length;
    const time = results.reduce((sum, result) => sum + result.ms, 0) / 1000;
    return (
      `  <testsuite name="${escape(`${promiseName(promise.id)}: ${promise.title}`)}" tests="${results.length}" ` +
      `failures="${count('failed')}" skipped="${count('notRun')}" errors="0" time="${time.toFixed(3)}">\n` +
      `${cases.join('\n')}\n  </testsuite>`
    );
  }).filter(Boolean);
  const failures = report.results.filter((result) => result.status === 'failed').length;
  const skipped = report.results.filter((result) => result.status === 'notRun').length;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="mobile-flow-pin conformance" tests="${report.results.length}" ` +
    `failures="${failures}" skipped="${skipped}" errors="0" time="${(report.ms / 1000).toFixed(3)}">\n` +
    `${suites.join('\n')}\n</testsuites>\n`
  );
}
