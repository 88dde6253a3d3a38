import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/pages/**/*.test.ts', 'tests/market/**/*.test.ts'],
    environment: 'node',
  },
});
