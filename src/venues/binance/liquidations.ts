import * as v from 'valibot';
import type { Instrument, LiquidationStream, StreamMessage } from '../market-types';
import { decimal, epochMs } from '../schema';

// Binance's public liquidation stream for one market: `<symbol>@forceOrder` on the USDⓈ-M stream host.
// Each message is one liquidation order (`S` SELL closes a long, BUY a short); Binance pushes at most
// the latest one per symbol per second, so what it sums to is a floor. The stream is silent while
// nothing is liquidated: a LIST_SUBSCRIPTIONS request every minute, which Binance answers, tells a
// quiet stream from a stalled one.

export const BINANCE_STREAM_ORIGIN = 'wss://fstream.binance.com';
/** Binance's symbols: upper-case letters and digits. Nothing else reaches a stream URL. */
const SYMBOL = /^[A-Z0-9]{2,30}$/;

const ForceOrder = v.looseObject({
  e: v.literal('forceOrder'),
  E: epochMs,
  o: v.looseObject({
    s: v.string(),
    S: v.picklist(['SELL', 'BUY']),
    ap: decimal,
    z: decimal,
    T: epochMs,
  }),
});
const Answer = v.looseObject({ id: v.union([v.number(), v.null()]), result: v.unknown() });

export const binanceLiquidations: LiquidationStream = {
  kind: 'stream',
  url(inst: Instrument) {
    if (!SYMBOL.test(inst.symbol)) throw new Error(`not a Binance symbol: ${inst.symbol}`);
    return `${BINANCE_STREAM_ORIGIN}/ws/${inst.symbol.toLowerCase()}@forceOrder`;
  },
  ping: { message: JSON.stringify({ method: 'LIST_SUBSCRIPTIONS', id: 1 }), everyMs: 60_000 },
  read(data: unknown, inst: Instrument): StreamMessage {
    const order = v.safeParse(ForceOrder, data);
    if (order.success) {
      const o = order.output.o;
      if (o.s !== inst.symbol) return { kind: 'garbage', why: `a liquidation of ${o.s} on ${inst.symbol}'s stream` };
      const notional = o.ap * o.z;
      if (!(notional > 0)) return { kind: 'garbage', why: 'a liquidation without size' };
      return { kind: 'events', events: [{ time: o.T, side: o.S === 'SELL' ? 'long' : 'short', notional }] };
    }
    if (v.is(Answer, data)) return { kind: 'other', pong: true };
    return { kind: 'garbage', why: 'not a forceOrder message' };
  },
};
