import { resultOf } from '../../src/background/http';
import type { Http, HttpRequest } from '../../src/venues/market-types';
import type { VenueId } from '../../src/venues/types';
import type { FakeState, VenueHandler } from '../fake-exchange/venue-handler';

/**
 * The client's requests answered by a fake-exchange handler in process, its reply read by the
 * background's own response mapping (`resultOf`), so statuses and error bodies map as in the worker.
 */
export function handlerHttp(venue: VenueId, handler: VenueHandler, state: FakeState): Http & { requests: HttpRequest[]; urls: string[] } {
  const requests: HttpRequest[] = [];
  const urls: string[] = [];
  const http = async (req: HttpRequest) => {
    requests.push(req);
    urls.push(req.url.toString());
    const reply = handler(
      {
        host: req.url.hostname,
        method: req.method ?? 'GET',
        path: req.url.pathname,
        query: req.url.searchParams,
        // As it crosses the wire: a copy, never the client's own object.
        body: req.body === undefined ? undefined : (JSON.parse(JSON.stringify(req.body)) as unknown),
        now: Date.now(),
      },
      state,
    );
    const res = reply
      ? new Response(reply.body, { status: reply.status, headers: { 'content-type': reply.contentType, ...reply.headers } })
      : new Response('not served', { status: 404 });
    return resultOf(venue, req.url.pathname, res);
  };
  return Object.assign(http, { requests, urls });
}
