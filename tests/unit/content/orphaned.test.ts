import { afterEach, describe, expect, it } from 'vitest';
import { askView, reportNone } from '../../../src/content/ask-view';
import { savePrefs } from '../../../src/content/prefs-store';

// After an extension update Chrome leaves the old content script running with an API whose every
// call throws synchronously. The page must see no uncaught error from PerpLens.
const invalidated = (): never => {
  throw new Error('Extension context invalidated.');
};

describe('an orphaned content script after an extension update', () => {
  const g = globalThis as { chrome?: unknown };
  afterEach(() => {
    delete g.chrome;
  });

  it('throws nothing and says to reload the page', async () => {
    g.chrome = {
      runtime: {
        get id(): string {
          return invalidated();
        },
        sendMessage: invalidated,
        connect: invalidated,
      },
      storage: { local: { get: invalidated, set: invalidated } },
    };
    expect(() => reportNone('binance')).not.toThrow();
    expect(() => savePrefs('binance', { collapsed: true, x: null, y: null, window: '4h' } as never)).not.toThrow();
    const answer = await askView({ type: 'panel.view' } as never);
    expect(answer).toEqual({ failed: 'PerpLens was updated or reloaded: reload this page' });
  });
});
