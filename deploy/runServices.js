// Runs the gateway and the approvals service side by side for local use
// (`npm start`): each as its own process, output passed through, both stopped
// together on Ctrl-C or when either exits.
import { spawn } from 'node:child_process';
import path from 'node:path';

const repoRoot = path.resolve(import.meta.dirname, '..');
const services = [
  { name: 'gateway', entry: 'services/gateway/dist/main.js' },
  { name: 'approvals', entry: 'services/approvals/dist/main.js' },
];

const children = services.map(({ name, entry }) => {
  const child = spawn(process.execPath, [path.join(repoRoot, entry)], {
    stdio: 'inherit',
    env: process.env,
  });
  child.on('exit', (code, signal) => {
    process.stderr.write(`gatehouse: ${name} exited (${signal ?? code})\n`);
    stopAll(code ?? 1);
  });
  return child;
});

let stopping = false;
function stopAll(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 200).unref();
  Promise.all(
    children.map((child) =>
      child.exitCode === null ? new Promise((r) => child.once('exit', r)) : null,
    ),
  ).then(() => process.exit(code));
}

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stopAll(0));
