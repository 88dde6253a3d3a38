import * as v from 'valibot';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimal, epochMs, parseWith } from '../../../src/venues/schema';
import { okxDescriptor } from '../../../src/venues/okx/descriptor';

describe('decimal', () => {
  it.each(['0', '1', '-0.00038246', '11793.63104562', '+5', '.5', '1e-7', '2.5E3'])('accepts %s', (s) => {
    expect(v.parse(decimal, s)).toBe(Number(s));
  });
  it.each(['NaN', 'Infinity', '-Infinity', '', ' 1', '1,000', '0x10', '1e400', 'abc', '1.2.3'])('refuses %j', (s) => {
    expect(v.safeParse(decimal, s).success).toBe(false);
  });
  it('refuses JSON numbers: venues send strings, a number means the shape changed', () => {
    expect(v.safeParse(decimal, 1.5).success).toBe(false);
  });
  it('never yields a non-finite number', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const r = v.safeParse(decimal, s);
        return !r.success || Number.isFinite(r.output);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('epochMs', () => {
  it('accepts numbers and numeric strings', () => {
    expect(v.parse(epochMs, 1597392000000)).toBe(1597392000000);
    expect(v.parse(epochMs, '1583127900000')).toBe(1583127900000);
  });
  it.each([0, -1, 1.5, 'soon', '', '1e12'])('refuses %j', (x) => {
    expect(v.safeParse(epochMs, x).success).toBe(false);
  });
});

describe('parseWith', () => {
  it('names venue, endpoint and the path of the first problem', () => {
    const r = parseWith(v.object({ a: v.object({ b: decimal }) }), { a: { b: 'NaN' } }, okxDescriptor, '/api/v5/x');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatchObject({ kind: 'schema', venue: 'okx', endpoint: '/api/v5/x' });
      expect(r.error.message).toContain('a.b');
      // The venue's name as it writes it.
      expect(r.error.message).toMatch(/^OKX \/api\/v5\/x: unexpected response at a\.b/);
    }
  });
});
