import type { SocketLike } from './flow';

/** The browser's WebSocket behind the flow's small interface (tests hand in a fake of the same). */
export function openSocket(url: string): SocketLike {
  const ws = new WebSocket(url);
  const s: SocketLike = {
    send: (data) => ws.send(data),
    close: () => ws.close(),
    onopen: null,
    onmessage: null,
    onclose: null,
    onerror: null,
  };
  ws.onopen = () => s.onopen?.();
  ws.onmessage = (e: MessageEvent<unknown>) => s.onmessage?.({ data: e.data });
  ws.onclose = () => s.onclose?.();
  ws.onerror = () => s.onerror?.();
  return s;
}
