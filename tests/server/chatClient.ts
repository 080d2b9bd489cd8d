// A test client for the chat socket: a real `ws` connection whose received messages queue up, so a
// test can await "the next message matching …" in order, with a timeout instead of a hang.
import WebSocket from 'ws';

export type Msg = Record<string, unknown> & { type: string };

export class ChatClient {
  readonly received: Msg[] = [];
  private cursor = 0;
  private waiters: (() => void)[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.received.push(JSON.parse(data.toString()) as Msg);
      for (const w of this.waiters.splice(0)) w();
    });
  }

  static open(baseUrl: string, query = '', headers: Record<string, string> = {}): Promise<ChatClient> {
    const url = `${baseUrl.replace(/^http/, 'ws')}/ws${query}`;
    const ws = new WebSocket(url, { headers });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new ChatClient(ws)));
      ws.once('unexpected-response', (_req, res) =>
        reject(new Error(`handshake refused: ${res.statusCode}`)),
      );
      ws.once('error', reject);
    });
  }

  send(msg: unknown): void {
    this.ws.send(typeof msg === 'string' ? msg : JSON.stringify(msg));
  }

  /** The next message (after those already taken) that matches; earlier non-matching ones are skipped. */
  async next(match: (m: Msg) => boolean = () => true, timeoutMs = 10_000): Promise<Msg> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      while (this.cursor < this.received.length) {
        const m = this.received[this.cursor++];
        if (match(m)) return m;
      }
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`no matching message within ${timeoutMs} ms; got ${JSON.stringify(this.received)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.ws.close();
  }
}

export const ofType = (type: string) => (m: Msg) => m.type === type;
