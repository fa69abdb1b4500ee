import { spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './build-state.mjs';

/**
 * `npm run dev`: the API under `tsx watch` (restarts on save) on :3001 and
 * Vite with hot reload on :3000, which forwards /api and /healthz to the API
 * (server.proxy in vite.config.ts). The browser only talks to :3000, so
 * cookies and the CSRF origin check behave as in production, where one
 * process serves both.
 */
const apiPort = 3001;
const webPort = 3000;
const bin = (name) => path.join(repoRoot, 'node_modules', '.bin', name);

const children = [
  spawn(bin('tsx'), ['watch', '--clear-screen=false', 'src/server/main.ts'], {
    cwd: repoRoot,
    stdio: 'inherit',
    env: {
      ...process.env,
      PORT: String(apiPort),
      NODE_ENV: 'development',
      PUBLIC_URL: process.env.PUBLIC_URL ?? `http://localhost:${webPort}`,
    },
  }),
  spawn(bin('vite'), [], { cwd: repoRoot, stdio: 'inherit' }),
];
console.log(`Kakehashi dev: open http://localhost:${webPort} (API on :${apiPort})`);

let isStopping = false;
function stop(exitCode) {
  if (isStopping) return;
  isStopping = true;
  const running = children.filter((child) => child.exitCode === null && child.signalCode === null);
  for (const child of running) child.kill('SIGTERM');
  let left = running.length;
  if (left === 0) process.exit(exitCode);
  for (const child of running) {
    child.once('exit', () => {
      left -= 1;
      if (left === 0) process.exit(exitCode);
    });
  }
  // Whatever does not stop in time is killed.
  setTimeout(() => {
    for (const child of running) child.kill('SIGKILL');
    process.exit(exitCode);
  }, 5_000).unref();
}

process.on('SIGINT', () => stop(130));
process.on('SIGTERM', () => stop(143));
for (const child of children) {
  child.on('exit', (code) => {
    if (!isStopping) {
      console.error(`A dev process ended (exit code ${code}); stopping the other one.`);
      stop(code ?? 1);
    }
  });
}
