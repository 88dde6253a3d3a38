// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mountHost, ROOT_ID } from '../../../src/content/mount';

describe('the panel host follows the page theme', () => {
  afterEach(() => {
    document.getElementById(ROOT_ID)?.remove();
    document.body.removeAttribute('style');
    vi.useRealTimers();
  });

  it('samples the page at mount and again after the page flips its theme', async () => {
    vi.useFakeTimers();
    document.body.style.backgroundColor = 'rgb(250, 250, 250)';
    const mounted = mountHost(document);
    expect(mounted.host.dataset.theme).toBe('light');

    document.body.style.backgroundColor = 'rgb(11, 14, 17)';
    await Promise.resolve();
    expect(mounted.host.dataset.theme).toBe('light');
    await vi.advanceTimersByTimeAsync(500);
    expect(mounted.host.dataset.theme).toBe('dark');

    document.documentElement.className = 'theme-light';
    document.body.style.backgroundColor = 'rgb(255, 255, 255)';
    await vi.advanceTimersByTimeAsync(500);
    expect(mounted.host.dataset.theme).toBe('light');
  });

  it('stops watching once removed', async () => {
    vi.useFakeTimers();
    document.body.style.backgroundColor = 'rgb(255, 255, 255)';
    const mounted = mountHost(document);
    mounted.remove();
    document.body.style.backgroundColor = 'rgb(0, 0, 0)';
    await vi.advanceTimersByTimeAsync(1_000);
    expect(mounted.host.dataset.theme).toBe('light');
    expect(vi.getTimerCount()).toBe(0);
  });
});
