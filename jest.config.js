/** Unit specs live beside the code (src/**\/*.spec.ts); integration and e2e tests under test/. */
module.exports = {
  rootDir: '.',
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testEnvironment: 'node',
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  // each worker's own database and queue prefix: files run two at a time (npm test: --maxWorkers=2)
  setupFiles: ['<rootDir>/test/support/worker-env.ts'],
  // a worker whose heap stayed above this after a file is replaced by a fresh one (same id, same database):
  // the heap of one process running every file grew to ~3.7 GB (README, Status)
  workerIdleMemoryLimit: '1536MB',
  testTimeout: 240_000, // a test waits for conditions; on a busy machine they take longer (see waitFor)
};
