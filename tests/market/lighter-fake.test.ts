import { request } from 'node:https';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
  LIGHTER_DEMO_ACCOUNT,
  LIGHTER_DEMO_ADDRESS,
  LIGHTER_DEMO_POSITIONS,
  lighterAccountKey,
  lighterLiquidationPrice,
  type LighterAccountSpec,
} from '../fake-exchange/lighter-account';
import { LIGHTER_API_HOST, LIGHTER_APP_HOST, LIGHTER_MARKET_IDS, LIGHTER_MARKETS, lighterHourlyPercent } from '../fake-exchange/lighter-markets';
import { HOUR, nextFunding, type FakeAsset } from '../fake-exchange/market-state';
import { QUARTER, quarterCandles } from '../fake-exchange/quarters';
import { startFakeExchange, type FakeExchange } from '../fake-exchange/server';
import { hourlyCandles } from '../fake-exchange/span-candles';

// The fake exchange's Lighter, served over HTTPS and wss under its real host names: the shapes and
// units of every endpoint, the figures against the fake state, the websocket's protocol and faults.

const DAY = 24 * HOUR;
let fake: FakeExchange;

beforeAll(async () => {
  fake = await startFakeExchange();
});
afterAll(async () => {
  await fake?.close();
});

interface Got {
  status: number;
  text: string;
  body: Record<string, unknown>;
}

/** GETs https://<host><path> from the fake exchange, as a browser that resolves the venue's name to it. */
function get(path: string, host: string = LIGHTER_API_HOST): Promise<Got> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: fake.port, path, servername: host, headers: { host }, rejectUnauthorized: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: Record<string, unknown> = {};
        try {
          body = JSON.parse(text) as Record<string, unknown>;
        } catch {
          // not JSON: a page, or a fault
        }
        resolve({ status: res.statusCode ?? 0, text, body });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

const asset = (symbol: string): FakeAsset => {
  const m = fake.markets.get(symbol);
  if (!m) throw new Error(`no fake ${symbol}`);
  return m;
};
const rows = (got: Got, key: string) => got.body[key] as Record<string, unknown>[];
const nowS = () => Math.floor(Date.now() / 1000);

describe('Lighter REST on the fake exchange', () => {
  it('lists the perpetuals with integer margin fractions, open interest in coins, and no mark, index or current funding', async () => {
    const got = await get('/api/v1/orderBookDetails?filter=all');
    expect(got.status).toBe(200);
    expect(got.body.code).toBe(200);
    expect(got.body.spot_order_book_details).toEqual([]);
    const list = rows(got, 'order_book_details');
    expect(list.map((r) => [r.symbol, r.market_id, r.market_type, r.status])).toEqual([
      ['ETH', 0, 'perp', 'active'],
      ['BTC', 1, 'perp', 'active'],
      ['SOL', 2, 'perp', 'active'],
    ]);
    expect(LIGHTER_MARKET_IDS).toEqual({ ETH: 0, BTC: 1, SOL: 2 });
    const fractions = (r: Record<string, unknown>) => [
      r.default_initial_margin_fraction,
      r.min_initial_margin_fraction,
      r.maintenance_margin_fraction,
      r.closeout_margin_fraction,
    ];
    expect(list.map(fractions)).toEqual([
      [500, 200, 120, 80],
      [500, 200, 120, 80],
      [1000, 500, 300, 200],
    ]);
    for (const r of list) {
      const m = asset(String(r.symbol));
      expect(r.open_interest).toBe(m.openInterest);
      expect(r.last_trade_price).toBe(m.lastPrice);
      expect(Number.isInteger(r.price_decimals) && Number.isInteger(r.size_decimals)).toBe(true);
      expect(r).not.toHaveProperty('mark_price');
      expect(r).not.toHaveProperty('index_price');
      expect(r).not.toHaveProperty('current_funding_rate');
      expect(typeof r.daily_price_low).toBe('number');
      expect(r.market_config).toMatchObject({ trading_hours: '' });
    }
  });

  it('answers one market by id, and an unknown or malformed id with an error body', async () => {
    const one = await get('/api/v1/orderBookDetails?market_id=1');
    expect(rows(one, 'order_book_details').map((r) => r.symbol)).toEqual(['BTC']);
    const unknown = await get('/api/v1/orderBookDetails?market_id=99');
    expect([unknown.status, unknown.body]).toEqual([400, { code: 21100, message: 'market not found' }]);
    expect((await get('/api/v1/orderBookDetails?market_id=x')).status).toBe(400);
  });

  it('serves hourly settlements: seconds on the hour, unsigned percent per hour, the paying side, USD per coin', async () => {
    for (const symbol of ['BTC', 'ETH']) {
      const m = asset(symbol);
      const id = LIGHTER_MARKET_IDS[symbol as 'BTC' | 'ETH'];
      const got = await get(`/api/v1/fundings?market_id=${id}&resolution=1h&start_timestamp=${nowS() - 48 * 3600}&end_timestamp=${nowS()}&count_back=10`);
      expect([got.status, got.body.code, got.body.resolution]).toEqual([200, 200, '1h']);
      const list = rows(got, 'fundings');
      expect(list).toHaveLength(10);
      const times = list.map((r) => r.timestamp as number);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(times.every((t) => t % 3600 === 0 && t < 1e11)).toBe(true);
      expect(times.at(-1)).toBe((m.fundingHistory8h.at(-1)?.time ?? NaN) / 1000);
      const history = new Map(m.fundingHistory8h.map((f) => [f.time / 1000, f.rate]));
      for (const r of list) {
        const rate8h = history.get(r.timestamp as number) ?? NaN;
        expect(Number(r.rate)).toBeCloseTo(Math.abs(lighterHourlyPercent(rate8h)), 12);
        expect(Number(r.rate)).toBeGreaterThanOrEqual(0);
        expect(r.direction).toBe(rate8h > 0 ? 'long' : 'short');
        const mark = m.hourly.find((h) => h.time === (r.timestamp as number) * 1000)?.close ?? NaN;
        expect(Number(r.value)).toBeCloseTo((mark * Number(r.rate)) / 100, 7);
      }
    }
    // BTC's longs pay, ETH's shorts do (the fake state's signs).
    expect(asset('BTC').fundingRate8h).toBeGreaterThan(0);
    expect(asset('ETH').fundingRate8h).toBeLessThan(0);
  });

  it('takes times in ms as well as seconds, caps an answer at 500 rows, and refuses an unknown market', async () => {
    const s = nowS() - 10 * 3600;
    const inSeconds = await get(`/api/v1/fundings?market_id=2&resolution=1h&start_timestamp=${s}&end_timestamp=${nowS()}&count_back=100`);
    const inMs = await get(`/api/v1/fundings?market_id=2&resolution=1h&start_timestamp=${s * 1000}&end_timestamp=${nowS() * 1000}&count_back=100`);
    expect(rows(inMs, 'fundings')).toEqual(rows(inSeconds, 'fundings'));
    expect(rows(inSeconds, 'fundings')).toHaveLength(10);
    const month = await get(`/api/v1/fundings?market_id=2&resolution=1h&start_timestamp=${nowS() - 40 * 86400}&end_timestamp=${nowS()}&count_back=5000`);
    expect(rows(month, 'fundings')).toHaveLength(500);
    const unknown = await get(`/api/v1/fundings?market_id=42&resolution=1h&start_timestamp=${s}&end_timestamp=${nowS()}&count_back=10`);
    expect([unknown.status, unknown.body.code]).toEqual([400, 21100]);
    expect((await get(`/api/v1/fundings?market_id=2&resolution=1h&start_timestamp=${s}`)).status).toBe(400);
  });

  it('serves candles with `t` the open in ms on the resolution grid, the shared fake candles, newest count_back of at most 500', async () => {
    const m = asset('BTC');
    const end = nowS();
    const hourly = await get(`/api/v1/candles?market_id=1&resolution=1h&start_timestamp=${end - 30 * 3600}&end_timestamp=${end}&count_back=30`);
    expect([hourly.status, hourly.body.code, hourly.body.r]).toEqual([200, 200, '1h']);
    const c = rows(hourly, 'c');
    expect(c).toHaveLength(30);
    expect(c.every((x) => (x.t as number) % HOUR === 0 && (x.t as number) > 1e11)).toBe(true);
    expect(c.map((x) => x.t)).toEqual(
      hourlyCandles(m, HOUR, Date.now())
        .slice(-30)
        .map((x) => x.time),
    );
    expect(c.at(-1)).toMatchObject({ c: m.hourly.at(-1)?.close, C: m.hourly.at(-1)?.close });
    for (const x of c) {
      expect(Object.keys(x).sort()).toEqual(['C', 'H', 'L', 'O', 'V', 'c', 'h', 'i', 'l', 'o', 't', 'v'].sort());
      expect((x.l as number) <= (x.o as number) && (x.o as number) <= (x.h as number)).toBe(true);
      expect(x.V as number).toBeCloseTo((x.v as number) * (x.c as number), 3);
    }

    const daily = rows(await get(`/api/v1/candles?market_id=1&resolution=1d&start_timestamp=${end - 33 * 86400}&end_timestamp=${end}&count_back=33`), 'c');
    expect(daily).toHaveLength(33);
    expect(daily.every((x) => (x.t as number) % DAY === 0)).toBe(true);

    const quarters = await get(
      `/api/v1/candles?market_id=1&resolution=15m&start_timestamp=${(end - 8 * 86400) * 1000}&end_timestamp=${end * 1000}&count_back=800`,
    );
    const q = rows(quarters, 'c');
    expect(q).toHaveLength(500);
    expect(q.every((x) => (x.t as number) % QUARTER === 0)).toBe(true);
    expect(q.map((x) => [x.t, x.c])).toEqual(
      quarterCandles(m, Date.now())
        .slice(-500)
        .map((x) => [x.time, x.close]),
    );

    expect(rows(await get(`/api/v1/candles?market_id=1&resolution=1m&start_timestamp=${end - 600}&end_timestamp=${end}&count_back=5`), 'c')).toEqual([]);
    expect((await get(`/api/v1/candles?market_id=1&resolution=2h&start_timestamp=${end - 600}&end_timestamp=${end}&count_back=5`)).status).toBe(400);
    const unknown = await get(`/api/v1/candles?market_id=7&resolution=1h&start_timestamp=${end - 600}&end_timestamp=${end}&count_back=5`);
    expect([unknown.status, unknown.body.code]).toEqual([400, 21100]);
  });
});

describe('Lighter accounts on the fake exchange', () => {
  afterEach(() => fake.state.accounts.clear());

  it('serves the demo wallet’s positions marked at the fake’s marks, with Lighter’s isolated and cross liquidation prices', async () => {
    const got = await get(`/api/v1/account?by=l1_address&value=${LIGHTER_DEMO_ADDRESS}`);
    expect([got.status, got.body.code, got.body.total]).toEqual([200, 200, 1]);
    const [account] = rows(got, 'accounts');
    expect(account).toMatchObject({ index: 4321, account_index: 4321, l1_address: LIGHTER_DEMO_ADDRESS, collateral: '5000.000000', status: 1 });
    const positions = account?.positions as Record<string, unknown>[];
    expect(positions.map((p) => [p.symbol, p.market_id, p.sign, p.position, p.margin_mode, p.initial_margin_fraction, p.allocated_margin])).toEqual([
      ['BTC', 1, 1, '0.50000', 1, '5.00', '1475.000000'],
      ['ETH', 0, -1, '2.0000', 1, '10.00', '610.000000'],
      ['SOL', 2, 1, '100.000', 0, '10.00', '0.000000'],
    ]);
    expect(LIGHTER_DEMO_POSITIONS).toBe(LIGHTER_DEMO_ACCOUNT.positions);
    const [btc, eth, sol] = positions;
    const mark = asset('BTC').markPrice;
    expect(btc?.avg_entry_price).toBe('59000.00');
    expect(btc?.position_value).toBe((0.5 * mark).toFixed(2));
    expect(btc?.unrealized_pnl).toBe((0.5 * (mark - 59_000)).toFixed(2));
    // Long: (E·Q − M) / (Q·(1 − mmf)); short: (E·Q + M) / (Q·(1 + mmf)); mmf 120 / 10,000.
    expect(btc?.liquidation_price).toBe(((59_000 * 0.5 - 1_475) / (0.5 * (1 - 0.012))).toFixed(2));
    expect(eth?.liquidation_price).toBe(((3_050 * 2 + 610) / (2 * (1 + 0.012))).toFixed(2));
    expect(eth?.unrealized_pnl).toBe((-2 * (asset('ETH').markPrice - 3_050)).toFixed(2));
    // Cross: the collateral left after the isolated margins stands behind it.
    expect(sol?.liquidation_price).toBe(((138 * 100 - 2_915) / (100 * 0.97)).toFixed(3));
    expect(Number(sol?.liquidation_price)).toBeCloseTo(lighterLiquidationPrice('long', 100, 138, 5_000 - 1_475 - 610, 0.03), 2);
  });

  it('finds an account by index, serves one a test keeps, and answers an unknown address as Lighter does', async () => {
    const byIndex = await get('/api/v1/account?by=index&value=4321');
    expect(rows(byIndex, 'accounts')[0]?.l1_address).toBe(LIGHTER_DEMO_ADDRESS);
    const address = `0x${'ab'.repeat(20)}`;
    const spec: LighterAccountSpec = {
      l1Address: address,
      index: 77,
      collateral: 1_000,
      positions: [{ symbol: 'SOL', side: 'short', size: 10, entry: 150, marginMode: 'isolated', allocatedMargin: 150, imf: 0.1, totalFundingPaidOut: 0 }],
    };
    fake.state.accounts.set(lighterAccountKey(address), spec);
    const kept = rows(await get(`/api/v1/account?by=l1_address&value=${address.toUpperCase().replace('0X', '0x')}`), 'accounts')[0];
    const [sol] = kept?.positions as Record<string, unknown>[];
    expect([sol?.sign, sol?.position]).toEqual([-1, '10.000']);
    expect(Number(sol?.liquidation_price)).toBeCloseTo((150 * 10 + 150) / (10 * 1.03), 2);
    const unknown = await get(`/api/v1/account?by=l1_address&value=0x${'cd'.repeat(20)}`);
    expect([unknown.status, unknown.body]).toEqual([400, { code: 21100, message: 'account not found' }]);
    expect((await get('/api/v1/account?by=l1_address&value=0x123')).status).toBe(400);
  });
});

describe('Lighter pages and HTTP faults on the fake exchange', () => {
  it('serves the positions page at /trade/BTC, a bare page at another ticker, and nothing at a spot pair', async () => {
    const btc = await get('/trade/BTC', LIGHTER_APP_HOST);
    expect(btc.status).toBe(200);
    expect(btc.text).toContain('data-testid="positions-table"');
    // The page's mark is the fake state's.
    expect(btc.text).toContain(asset('BTC').markPrice.toLocaleString('en-US', { minimumFractionDigits: 2 }));
    const eth = await get('/trade/ETH', LIGHTER_APP_HOST);
    expect([eth.status, eth.text.includes('positions-table'), eth.text.includes('<h1>ETH</h1>')]).toEqual([200, false, true]);
    expect((await get('/trade/LIT_USDC', LIGHTER_APP_HOST)).status).toBe(404);
  });

  it('applies the generic faults to the API host by path', async () => {
    const path = '/api/v1/orderBookDetails';
    fake.setFault(LIGHTER_API_HOST, path, { kind: 'status', status: 429, retryAfter: '30' });
    expect((await get(path)).status).toBe(429);
    fake.setFault(LIGHTER_API_HOST, path, { kind: 'truncated' });
    const cut = await get(path);
    expect(() => JSON.parse(cut.text) as unknown).toThrow();
    fake.setFault(LIGHTER_API_HOST, path, { kind: 'body', body: '{"code":200,"order_book_details":"changed"}' });
    expect((await get(path)).body.order_book_details).toBe('changed');
    fake.setFault(LIGHTER_API_HOST, path, null);
    expect((await get(path)).status).toBe(200);
    expect(fake.requests.get(`${LIGHTER_API_HOST}${path}`)).toBeGreaterThanOrEqual(4);
  });
});

interface Client {
  ws: WebSocket;
  /** Every frame received, raw. */
  frames: string[];
  /** The parsed frames (non-JSON ones left out). */
  json(): Record<string, unknown>[];
  closed: Promise<number>;
  send(message: unknown): void;
}

function connect(path = '/stream'): Promise<Client> {
  // The Host header names the venue: the fake routes by it (its one certificate covers every venue host).
  const ws = new WebSocket(`wss://127.0.0.1:${fake.port}${path}`, { headers: { host: LIGHTER_API_HOST }, rejectUnauthorized: false });
  const frames: string[] = [];
  ws.on('message', (data: Buffer) => frames.push(data.toString()));
  const closed = new Promise<number>((resolve) => ws.on('close', (code: number) => resolve(code)));
  const parsed = () =>
    frames.flatMap((f) => {
      try {
        return [JSON.parse(f) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, frames, json: parsed, closed, send: (m) => ws.send(JSON.stringify(m)) }));
    ws.once('error', reject);
  });
}

async function until<T>(what: string, probe: () => T | undefined | null | false, timeoutMs = 3_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const found = probe();
    if (found) return found;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Lighter websocket on the fake exchange', () => {
  const clients: Client[] = [];
  const open = async (path?: string) => {
    const c = await connect(path);
    clients.push(c);
    return c;
  };

  beforeAll(() => {
    expect(fake.lighterStream.timing).toEqual({ updateMs: 1_000, pingMs: 30_000 });
    fake.lighterStream.timing.updateMs = 100;
    fake.lighterStream.timing.pingMs = 250;
  });
  afterEach(async () => {
    fake.lighterStream.setFault(null);
    for (const c of clients.splice(0)) c.ws.terminate();
    await until('sockets closed', () => fake.lighterStream.openNow() === 0);
  });

  it('greets, answers market_stats/all with every market, then updates that cover each market, from the fake state', async () => {
    const before = { connections: fake.lighterStream.connections, sent: fake.lighterStream.messagesSent };
    const c = await open();
    const hello = await until('connected', () => c.json()[0]);
    expect(hello.type).toBe('connected');
    expect(typeof hello.session_id).toBe('string');
    expect(fake.lighterStream.connections).toBe(before.connections + 1);
    expect(fake.lighterStream.openNow()).toBe(1);

    c.send({ type: 'subscribe', channel: 'market_stats/all' });
    const first = await until('subscribed', () => c.json().find((m) => m.type === 'subscribed/market_stats'));
    expect(first.channel).toBe('market_stats:all');
    const all = first.market_stats as Record<string, Record<string, unknown>>;
    expect(Object.keys(all).sort()).toEqual(['0', '1', '2']);
    const now = Date.now();
    for (const market of LIGHTER_MARKETS) {
      const s = all[String(market.marketId)] ?? {};
      const m = asset(market.symbol);
      expect([s.symbol, s.market_id]).toEqual([market.symbol, market.marketId]);
      for (const k of ['index_price', 'mark_price', 'open_interest', 'last_trade_price', 'current_funding_rate', 'funding_rate'])
        expect(typeof s[k]).toBe('string');
      expect(Number(s.mark_price)).toBe(m.markPrice);
      expect(Number(s.index_price)).toBe(m.indexPrice);
      expect(Number(s.last_trade_price)).toBe(m.lastPrice);
      // In USD at the mark on the stream (coins in the list).
      expect(Number(s.open_interest)).toBeCloseTo(m.openInterest * m.markPrice, 5);
      // Signed percent per hour: the fake's 8 h rate / 8, × 100; positive when longs pay.
      expect(Number(s.current_funding_rate)).toBeCloseTo(lighterHourlyPercent(m.fundingRate8h), 12);
      expect(Math.sign(Number(s.current_funding_rate))).toBe(Math.sign(m.fundingRate8h));
      const settled = m.fundingHistory8h.filter((f) => f.time <= now).at(-1)?.rate ?? NaN;
      expect(Number(s.funding_rate)).toBeCloseTo(lighterHourlyPercent(settled), 12);
      expect(s.funding_timestamp).toBe(nextFunding(now, 1));
      expect((s.funding_timestamp as number) % HOUR).toBe(0);
    }

    // A mark moved in the fake state is what the next updates carry.
    const btc = asset('BTC');
    const mark = btc.markPrice;
    btc.markPrice = 61_234.56;
    try {
      const updates = () => c.json().filter((m) => m.type === 'update/market_stats');
      await until('updates for every market', () => {
        const seen = new Set(updates().flatMap((u) => Object.keys(u.market_stats as object)));
        return seen.size === 3;
      });
      expect(updates().every((u) => u.channel === 'market_stats:all')).toBe(true);
      // Each update carries some markets, not always all.
      expect(updates().some((u) => Object.keys(u.market_stats as object).length < 3)).toBe(true);
      const btcUpdate = updates().find((u) => '1' in (u.market_stats as object));
      expect((btcUpdate?.market_stats as Record<string, Record<string, unknown>>)['1']?.mark_price).toBe('61234.56');
    } finally {
      btc.markPrice = mark;
    }
    // Every frame counted (an update may still be on its way to the client).
    const counted = fake.lighterStream.messagesSent - before.sent;
    expect(counted - c.frames.length).toBeGreaterThanOrEqual(0);
    expect(counted - c.frames.length).toBeLessThanOrEqual(2);
    expect(fake.lighterStream.subscriptions).toBeGreaterThanOrEqual(1);
  });

  it('serves one market on market_stats/<id> as the stats object itself, and refuses an unknown channel', async () => {
    const c = await open();
    c.send({ type: 'subscribe', channel: 'market_stats/0' });
    const first = await until('subscribed', () => c.json().find((m) => m.type === 'subscribed/market_stats'));
    expect(first.channel).toBe('market_stats:0');
    expect(first.market_stats).toMatchObject({ symbol: 'ETH', market_id: 0, mark_price: asset('ETH').markPrice.toFixed(2) });
    const update = await until('update', () => c.json().find((m) => m.type === 'update/market_stats'));
    expect([update.channel, (update.market_stats as Record<string, unknown>).market_id]).toEqual(['market_stats:0', 0]);
    c.send({ type: 'subscribe', channel: 'market_stats/99' });
    await until('error', () => c.json().find((m) => 'error' in m));
  });

  it('pings every period and answers a ping with a pong', async () => {
    const c = await open();
    c.send({ type: 'ping' });
    await until('pong', () => c.json().find((m) => m.type === 'pong'));
    await until('two server pings', () => c.json().filter((m) => m.type === 'ping').length >= 2);
    c.send({ type: 'pong' });
    await sleep(50);
    expect(fake.lighterStream.messagesReceived).toBeGreaterThanOrEqual(2);
  });

  it('shares nothing between sockets: each connection counts, and openNow follows them', async () => {
    const start = fake.lighterStream.connections;
    const a = await open();
    const b = await open();
    expect(fake.lighterStream.connections).toBe(start + 2);
    expect(fake.lighterStream.openNow()).toBe(2);
    a.ws.close();
    await a.closed;
    await until('one open', () => fake.lighterStream.openNow() === 1);
    expect(b.ws.readyState).toBe(WebSocket.OPEN);
  });

  it('refuses another path on the host', async () => {
    await expect(connect('/ws')).rejects.toThrow();
  });

  it('fault close: closes every open connection at once, then each new one as it opens', async () => {
    const a = await open();
    const b = await open();
    fake.lighterStream.setFault('close');
    expect(fake.lighterStream.fault).toBe('close');
    expect(await a.closed).toBe(1011);
    expect(await b.closed).toBe(1011);
    const start = fake.lighterStream.connections;
    const c = await open();
    expect(await c.closed).toBe(1011);
    expect(c.frames).toEqual([]);
    expect(fake.lighterStream.connections).toBe(start + 1);
    fake.lighterStream.setFault(null);
    const d = await open();
    await until('connected again', () => d.json()[0]?.type === 'connected');
  });

  it('fault stall: sockets stay open and nothing at all is sent, pongs and pings included', async () => {
    const a = await open();
    a.send({ type: 'subscribe', channel: 'market_stats/all' });
    await until('subscribed', () => a.json().find((m) => m.type === 'subscribed/market_stats'));
    fake.lighterStream.setFault('stall');
    await sleep(30);
    const had = a.frames.length;
    const b = await open();
    b.send({ type: 'ping' });
    b.send({ type: 'subscribe', channel: 'market_stats/all' });
    a.send({ type: 'ping' });
    await sleep(600);
    expect(a.frames.length).toBe(had);
    expect(b.frames).toEqual([]);
    expect([a.ws.readyState, b.ws.readyState]).toEqual([WebSocket.OPEN, WebSocket.OPEN]);
    fake.lighterStream.setFault(null);
    await until('updates again', () => a.frames.length > had);
  });

  it('fault garbage: every frame is non-JSON, on open sockets and new ones', async () => {
    const a = await open();
    await until('connected', () => a.frames.length > 0);
    fake.lighterStream.setFault('garbage');
    const had = a.frames.length;
    await until('garbage on the open socket', () => a.frames.length > had);
    const b = await open();
    b.send({ type: 'ping' });
    await until('garbage on a new socket', () => b.frames.length >= 2);
    const isJson = (f: string) => {
      try {
        JSON.parse(f);
        return true;
      } catch {
        return false;
      }
    };
    expect(a.frames.slice(had).some(isJson)).toBe(false);
    expect(b.frames.some(isJson)).toBe(false);
  });
});
