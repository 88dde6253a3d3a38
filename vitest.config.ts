import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'tests/unit/**/*.test.ts',
      'tests/pages/**/*.test.ts',
      'tests/market/**/*.test.ts',
      'tests/property/**/*.test.ts',
      'tests/faults/**/*.test.ts',
      'tests/hostile/**/*.test.ts',
    ],
    environment: 'node',
  },
});
