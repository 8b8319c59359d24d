// `npm run test:e2e`: build the web app, then run the Playwright tests (which start the server themselves).
import { spawnSync } from 'node:child_process';

const run = (args) => {
  const r = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run(['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn']);
run(['node_modules/@playwright/test/cli.js', 'test', '-c', 'test/e2e/playwright.config.ts', ...process.argv.slice(2)]);
