import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['server/**/*.test.ts', 'lib/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: {
      WEIJIAN_SECRET_KEY: '4f1c2d3e4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff0',
      TZ: 'Asia/Shanghai',
    },
  },
});
