// A reporter for node --test (scripts/test.mjs adds it under TEST_TIMES): a JSON line per test file with the time of
// its top-level tests, in the form of scripts/timing-reporter.mjs's lines for the browser tests.
import { relative } from 'node:path';

export default async function* nodeTimingReporter(source) {
  const files = new Map();
  for await (const event of source) {
    if ((event.type !== 'test:pass' && event.type !== 'test:fail') || event.data.nesting !== 0 || !event.data.file)
      continue;
    files.set(event.data.file, (files.get(event.data.file) ?? 0) + (event.data.details?.duration_ms ?? 0));
  }
  for (const [file, ms] of files)
    yield `${JSON.stringify({ runner: 'node --test', file: relative(process.cwd(), file), ms: Math.round(ms) })}\n`;
}
