import fc from 'fast-check';
import { describe, it } from 'vitest';
import { NUMBER_TARGETS } from './number-targets';
import { runs } from './runs';

describe('parseNumber properties', () => {
  it.each(NUMBER_TARGETS.map((t) => [t.name, t] as const))(
    '%s',
    async (_name, target) => {
      await fc.assert(target.property(), { numRuns: runs() });
    },
    120_000,
  );
});
