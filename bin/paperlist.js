#!/usr/bin/env node
// Launcher: the compiled CLI lives in dist/ (built by `npm run build`, which `npm ci` runs via `prepare`).
import { main } from '../dist/cli.js';
import { removePendingTemporaryFiles } from '../dist/core/fs-atomic.js';

// A reader that closes the pipe (`paperlist export | head -c1`) ends the run quietly; any other
// failure to write the output is one line and exit 3, never a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE' && stream !== process.stderr) process.stderr.write(`paperlist: cannot write the output: ${error.code ?? error.message}\n`);
    process.exit(error.code === 'EPIPE' ? (process.exitCode ?? 0) : 3);
  });
}

// Interrupted (Ctrl-C, a CI timeout): no temporary file is left behind; the usual exit codes of a signal.
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]]) {
  process.on(signal, () => {
    removePendingTemporaryFiles();
    process.exit(code);
  });
}

process.exitCode = await main(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
});
