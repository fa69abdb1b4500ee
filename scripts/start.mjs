import { spawn, spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { reasonToBuild, repoRoot } from './build-state.mjs';

/**
 * `npm start`: builds on the first start (or after the sources changed), then
 * runs the bundled server in the foreground. Stopping `npm start` in any way
 * stops the server: signals are passed on so that the server closes PGlite
 * cleanly, and the server also ends when this process is gone (see below).
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
    // The IPC channel is a lifeline: when this process dies for any reason (even SIGKILL),
    // the channel closes and the server shuts down on its 'disconnect' event.
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
  },
);

let forwardedSignal = null;
function stopServer(signal) {
  if (forwardedSignal) return;
  forwardedSignal = signal;
  server.kill(signal);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  // A terminal's Ctrl+C reaches the child directly too; forwarding again is harmless
  // (the server ignores a second signal) and covers `kill <pid of npm start>`.
  process.on(signal, () => stopServer(signal));
}

// `npm start` runs this script through a shell; a SIGTERM to npm ends npm and that shell
// but does not always reach this process, which is then adopted by init. A changed parent
// means whoever started us is gone, so the server is stopped as if on Ctrl+C.
const startingParent = process.ppid;
const parentWatch = setInterval(() => {
  if (process.ppid !== startingParent) stopServer('SIGTERM');
}, 500);
parentWatch.unref();

server.on('error', (err) => {
  console.error(`Could not start the server: ${err.message}`);
  process.exit(1);
});
server.on('exit', (code, signal) => {
  // Like a shell: a child killed by a signal exits with 128 + the signal number.
  process.exit(code ?? 128 + (os.constants.signals[signal] ?? 0));
});
