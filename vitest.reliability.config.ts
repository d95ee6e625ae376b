import { defineConfig } from 'vitest/config';

// `npm run test:reliability`: faults survived per vendor and a compressed shift, over real sockets.
// Tests wait on timers and sockets far more than they compute: two files run side by side.
export default defineConfig({
  test: {
    name: 'reliability',
    environment: 'node',
    include: ['reliability/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    // Heap figures are taken after a full collection.
    execArgv: ['--expose-gc'],
    reporters: ['default'],
  },
});
