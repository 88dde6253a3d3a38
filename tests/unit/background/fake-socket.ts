import type { FlowDeps, SocketLike } from '../../../src/background/flow';

/** A websocket the test drives: what the code sent, whether it closed, and `push` for a venue's message. */
export class FakeSocket implements SocketLike {
  sent: string[] = [];
  closed = false;
  onopen: (() => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: (() => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly url: string) {}
  send(d: string) {
    this.sent.push(d);
  }
  close() {
    this.closed = true;
  }
  push(x: unknown) {
    this.onmessage?.({ data: typeof x === 'string' ? x : JSON.stringify(x) });
  }
}

/** The socket and clock a flow or a quote feed takes, on vi's timers, with every socket it opens kept in `sockets`. */
export function fakeSocketDeps(sockets: FakeSocket[]): FlowDeps {
  return {
    now: () => Date.now(),
    socket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    random: () => 0.5,
  };
}
