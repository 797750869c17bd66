#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm run build` (run by `npm ci` through `prepare`).
// A reader that stops early (`| head`) closes the pipe: stop without a stack trace, with the status a
// Unix tool killed by SIGPIPE has (141, so `set -o pipefail` sees the output was cut), or the failure
// already decided.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (err) => {
    if (err && err.code === 'EPIPE') process.exit(process.exitCode || 141);
    throw err;
  });
import('../dist/cli/main.js')
  .then((m) => m.main(process.argv.slice(2)))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`curve-triage: internal error: ${err && err.message ? err.message : err}\n`);
      process.exitCode = 1;
    },
  );
