import type { SocketLike } from '../../../src/background/flow';

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
