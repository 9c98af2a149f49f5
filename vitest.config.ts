import { defineConfig } from 'vitest/config';

// Three projects: node unit/HTTP tests, happy-dom component tests, real-Chromium end-to-end tests.
export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['packages/*/src/**/*.test.ts', 'packages/*/scripts/**/*.test.ts'],
          setupFiles: ['./test/setup/fail-on-console-error.ts'],
          globalSetup: ['./test/setup/mongo-server.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          environment: 'happy-dom',
          include: ['packages/*/src/**/*.test.tsx', 'packages/*/console/**/*.test.tsx'],
          setupFiles: ['./test/setup/fail-on-console-error.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          setupFiles: ['./test/setup/fail-on-console-error.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
