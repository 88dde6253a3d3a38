import fc from 'fast-check';
import { describe, it } from 'vitest';
import { PAGE_TARGETS } from './targets';
import { runs } from './runs';

describe('page reader properties', () => {
  it.each(PAGE_TARGETS.map((t) => [t.name, t] as const))(
    '%s',
    async (_name, target) => {
      await fc.assert(target.property(), { numRuns: runs() });
    },
    600_000,
  );
});
