#!/usr/bin/env node
// `npx mobile-flow-pin-conformance --config conformance.json [--junit report.xml] [--only NAME]`: proves a host keeps
// the contract's promises, over HTTP, with one credential per role. Exits 1 on any failed check, 2 when it cannot run.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigProblem, readConformanceConfig, targetOf } from './config.js';
import { progressLine, junitXml, reportText } from './report.js';
import { runConformance, selectChecks } from './run.js';

const usage =
  'mobile-flow-pin-conformance --config conformance.json [--junit report.xml] [--only NAME]\n' +
  '  --config  the host: {"baseUrl", "identities": {"administrator", "user", "otherUser", "device"}, "testHooks"?}\n' +
  '  --junit   also write the report as JUnit XML\n' +
  '  --only    only the checks of one promise (5, contract) or whose name holds these words';

let values;
try {
  values = parseArgs({
    options: {
      config: { type: 'string' },
      junit: { type: 'string' },
      only: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  }).values;
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}
if (values.help) {
  console.log(usage);
  process.exit(0);
}
if (!values.config) {
  console.error(`Say which host to prove with --config.\n${usage}`);
  process.exit(2);
}

let config;
try {
  config = readConformanceConfig(JSON.parse(readFileSync(values.config, 'utf8')));
} catch (error) {
  const why =
    error instanceof ConfigProblem || error instanceof SyntaxError
      ? error.message
      : (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'there is no such file.'
        : `cannot be read: ${(error as Error).message}`;
  console.error(`${values.config}: ${why}`);
  process.exit(2);
}

const { identities } = config;
const total = selectChecks(values.only).length;
console.log(
  `Proving the host at ${config.baseUrl} (${total} checks).\n` +
    (config.transport
      ? `Every request travels as an envelope through Business Central's codeunit web service at ${config.transport.url}.\n`
      : '') +
    `This run changes the PIN state of ${identities.user.userId} and ${identities.otherUser.userId}: it issues and ` +
    'changes their PIN codes, locks and unlocks them and turns their settings on and off. Run it against a test company, ' +
    'never against users who work.\n' +
    (config.testHooks
      ? `Test hooks at ${config.testHooks.url}: the checks that move the host's clock or fail a request run.\n`
      : "No test hooks: the checks that need the host's clock moved or a request failed are reported as not run.\n"),
);

let report;
try {
  report = await runConformance(targetOf(config), {
    only: values.only,
    onResult: (result, index, count) => console.log(progressLine(result, index, count)),
  });
} catch (error) {
  console.error(`The run could not start: ${(error as Error).message}`);
  process.exit(2);
}
console.log(reportText(report));
if (values.junit) {
  writeFileSync(values.junit, junitXml(report));
  console.log(`JUnit XML written to ${values.junit}.`);
}
process.exit(report.passed ? 0 : 1);
