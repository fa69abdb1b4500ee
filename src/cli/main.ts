import { loadEnv } from '../server/env';
import { runCli } from './commands';

/** Entry of `npm run kakehashi -- <command>` and of the bundled dist/server/cli.js. */
try {
  const exitCode = await runCli(process.argv.slice(2), {
    env: loadEnv(),
    print: (line) => console.log(line),
    printError: (line) => console.error(line),
  });
  process.exitCode = exitCode;
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
}
