// With TEST_TIMES=FILE, writes each test file's wall time (from its page opening to its results) to FILE as JSON
// lines, so that `npm test` can say where its time goes. Without TEST_TIMES it does nothing.
import { appendFileSync } from 'node:fs';
import { relative } from 'node:path';

export function timingReporter(file = process.env.TEST_TIMES) {
  const started = new Map();
  return {
    start({ sessions, startTime }) {
      if (!file) return;
      sessions.on('session-status-updated', (session) => {
        if (session.status === 'INITIALIZING') started.set(session.id, Date.now());
        if (session.status !== 'FINISHED') return;
        const line = {
          runner: 'web-test-runner',
          group: session.group?.name,
          file: relative(process.cwd(), session.testFile),
          // The first pages may open before this reporter listens: they count from the run's start.
          ms: Date.now() - (started.get(session.id) ?? startTime),
        };
        appendFileSync(file, `${JSON.stringify(line)}\n`);
      });
    },
  };
}
