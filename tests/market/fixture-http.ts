import { readFileSync } from 'node:fs';
import type { Http, HttpRequest, Result } from '../../src/venues/market-types';

export interface Served {
  url: URL;
  method: string;
  body: unknown;
}

/** Reads a fixture JSON file relative to tests/market/. */
export function fixture(path: string): unknown {
  return JSON.parse(readFileSync(new URL(`./${path}`, import.meta.url), 'utf8')) as unknown;
}

/**
 * An Http that answers from fixtures: `route(req)` returns the parsed body to serve, or a Result
 * error to simulate a failure. Every request is recorded so tests can check the URLs a client built.
 */
export function fixtureHttp(route: (req: HttpRequest) => unknown | Result<unknown>): Http & { served: Served[] } {
  const served: Served[] = [];
  const http = async (req: HttpRequest): Promise<Result<unknown>> => {
    served.push({ url: req.url, method: req.method ?? 'GET', body: req.body });
    const answer = route(req);
    if (answer && typeof answer === 'object' && 'ok' in answer && (answer as { ok: unknown }).ok === false) {
      return answer as Result<unknown>;
    }
    if (answer === undefined) {
      return { ok: false, error: { kind: 'bad-request', venue: null, endpoint: req.url.pathname, message: `no fixture for ${req.url}` } };
    }
    // A deep copy, so a client that mutates a parsed body cannot leak into the next test.
    return { ok: true, value: JSON.parse(JSON.stringify(answer)) as unknown };
  };
  return Object.assign(http, { served });
}
