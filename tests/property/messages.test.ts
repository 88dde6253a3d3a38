import fc from 'fast-check';
import { describe, it } from 'vitest';
import { MESSAGE_TARGETS } from './message-targets';
import { runs } from './runs';

describe('message validator properties', () => {
  it.each(MESSAGE_TARGETS.map((t) => [t.name, t] as const))(
    '%s',
    async (_name, target) => {
      await fc.assert(target.property(), { numRuns: runs() });
    },
    120_000,
  );
});
