#!/usr/bin/env node
// `npx ucontact-sandbox`: the sandbox from the command line (flags: --help). Prints its URLs,
// how long it took to start, then `ready`; Ctrl-C (or --exit-after) stops it.
import { parseArgs, serve, banner, USAGE, UsageError } from '../testing/sandbox.mjs';

async function main() {
  const opts = parseArgs(process.argv.slice(2), process.env);
  if (opts.help) {
    console.log(USAGE);
    return;
  }
  const sandbox = await serve(opts);
  for (const w of sandbox.warnings) console.error(`warning: ${w}`);
  for (const line of banner(sandbox)) console.log(line);
  // From the process's start: what a user waits for after typing the command.
  console.log(`  started in ${Math.round(process.uptime() * 1000)} ms`);
  console.log('ready');
  const stop = () => sandbox.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  if (opts.exitAfter !== undefined) setTimeout(stop, opts.exitAfter * 1000);
}

main().catch((e) => {
  if (e instanceof UsageError) {
    console.error(`ucontact-sandbox: ${e.message}\n\n${USAGE}`);
    process.exit(2);
  }
  console.error(`ucontact-sandbox: ${(e && e.message) || e}`);
  process.exit(1);
});
