import { spawn, spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { reasonToBuild, repoRoot } from './build-state.mjs';

/**
 * `npm start`: builds on the first start (or after the sources changed), then
 * runs the bundled server in the foreground. Signals are passed on so that
 * Ctrl+C lets the server close PGlite cleanly.
 */
const reason = reasonToBuild();
if (reason) {
  console.log(
    reason.kind === 'missing'
      ? 'Building Kakehashi (first start)…'
      : `Rebuilding Kakehashi (${reason.detail})…`,
  );
  const result = spawnSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('The build failed; see the messages above.');
    process.exit(result.status ?? 1);
  }
}

const server = spawn(
  process.execPath,
  ['--enable-source-maps', path.join(repoRoot, 'dist', 'server', 'main.js')],
  {
    stdio: 'inherit',
  },
);

for (const signal of ['SIGINT', 'SIGTERM']) {
  // A terminal's Ctrl+C reaches the child directly too; forwarding again is harmless
  // (the server ignores a second signal) and covers `kill <pid of npm start>`.
  process.on(signal, () => server.kill(signal));
}

server.on('error', (err) => {
  console.error(`Could not start the server: ${err.message}`);
  process.exit(1);
});
server.on('exit', (code, signal) => {
  // Like a shell: a child killed by a signal exits with 128 + the signal number.
  process.exit(code ?? 128 + (os.constants.signals[signal] ?? 0));
});
