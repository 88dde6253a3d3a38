import * as v from 'valibot';
import type { Instrument, LiquidationEvent, LiquidationStream, StreamMessage } from '../market-types';
import { decimal, epochMs } from '../schema';

// Bybit's public liquidation stream: topic `allLiquidation.<SYMBOL>` on the linear public stream.
// Pushed every 500 ms with what was liquidated since; `S` Buy means a long position was liquidated
// (Bybit's convention for this topic, the opposite of an order's side), `v` the size in coins, `p`
// the bankruptcy price. Bybit asks for a ping every 20 s and answers it, which tells a stall.

export const BYBIT_STREAM_ORIGIN = 'wss://stream.bybit.com';
const SYMBOL = /^[A-Z0-9]{2,30}$/;

const Push = v.looseObject({
  topic: v.string(),
  ts: epochMs,
  data: v.array(v.looseObject({ T: epochMs, s: v.string(), S: v.picklist(['Buy', 'Sell']), v: decimal, p: decimal })),
});
const OpAnswer = v.looseObject({ op: v.string(), success: v.boolean() });

export const bybitLiquidations: LiquidationStream = {
  kind: 'stream',
  url(inst: Instrument) {
    if (!SYMBOL.test(inst.symbol)) throw new Error(`not a Bybit symbol: ${inst.symbol}`);
    return `${BYBIT_STREAM_ORIGIN}/v5/public/linear`;
  },
  subscribe: (inst) => JSON.stringify({ op: 'subscribe', args: [`allLiquidation.${inst.symbol}`] }),
  ping: { message: JSON.stringify({ op: 'ping' }), everyMs: 20_000 },
  read(data: unknown, inst: Instrument): StreamMessage {
    const push = v.safeParse(Push, data);
    if (push.success) {
      if (push.output.topic !== `allLiquidation.${inst.symbol}`) return { kind: 'garbage', why: `topic ${push.output.topic}` };
      const events: LiquidationEvent[] = [];
      for (const d of push.output.data) {
        if (d.s !== inst.symbol || !(d.v > 0) || !(d.p > 0)) return { kind: 'garbage', why: 'a liquidation of another market or without size' };
        events.push({ time: d.T, side: d.S === 'Buy' ? 'long' : 'short', notional: d.v * d.p });
      }
      return { kind: 'events', events };
    }
    const answer = v.safeParse(OpAnswer, data);
    if (answer.success) return answer.output.success ? { kind: 'other', pong: true } : { kind: 'garbage', why: `${answer.output.op} refused` };
    return { kind: 'garbage', why: 'not an allLiquidation message' };
  },
};
