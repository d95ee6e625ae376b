/**
 * A TCP proxy on 127.0.0.1 between a connector and a vendor simulator that breaks the network on
 * command: the endpoint goes away (connections reset, new ones refused) and comes back on the same
 * port; the path goes half-open (bytes vanish both ways, nothing is closed); responses slow down.
 * Everything is real sockets: the connector sees exactly what a broken network would show it.
 */
import net from 'node:net';

interface Pair {
  client: net.Socket;
  upstream: net.Socket | null;
  /** Opened or caught while the path was half-open: reset when the network comes back. */
  blackholed: boolean;
  /** When the last chunk of each direction is delivered (keeps order under latency). */
  upAt: number;
  downAt: number;
}

export class FaultProxy {
  private server: net.Server | null = null;
  private readonly pairs = new Set<Pair>();
  private half = false;
  /** Delay added to every chunk from the server to the client (slow responses). */
  latencyMs = 0;
  /** Connections accepted since start. */
  accepted = 0;
  /** Chunks swallowed by the half-open path, and chunks held back by the latency (requests left hanging). */
  swallowed = 0;
  held = 0;
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get open(): number {
    return this.pairs.size;
  }

  async start(port = 0): Promise<this> {
    const server = net.createServer((client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.port = (server.address() as net.AddressInfo).port;
    return this;
  }

  /** The server is killed: every connection is reset and the port refuses new ones. */
  async down(): Promise<void> {
    const server = this.server;
    this.server = null;
    this.resetAll();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The server is back on the same port. */
  async up(): Promise<void> {
    if (!this.server) await this.start(this.port);
  }

  /** The path goes half-open: no byte passes either way and nothing is closed. */
  blackhole(): void {
    this.half = true;
    for (const p of this.pairs) p.blackholed = true;
  }

  /** The path works again; connections caught in the half-open spell are reset (the far end forgot them). */
  heal(): void {
    this.half = false;
    for (const p of [...this.pairs]) if (p.blackholed) this.kill(p);
  }

  /** Resets every connection (RST), as after a sleep during which the server dropped them. */
  resetAll(): void {
    for (const p of [...this.pairs]) this.kill(p);
  }

  async stop(): Promise<void> {
    await this.down();
  }

  private accept(client: net.Socket): void {
    this.accepted++;
    const pair: Pair = { client, upstream: null, blackholed: this.half, upAt: 0, downAt: 0 };
    this.pairs.add(pair);
    client.setNoDelay(true);
    client.on('error', () => undefined);
    client.on('close', () => this.closed(pair, 'client'));
    if (pair.blackholed) {
      // A dead route: the connection stays silent, and what the client sends is lost.
      client.on('data', () => this.swallowed++);
      return;
    }
    const upstream = net.connect(this.target.port, this.target.host);
    pair.upstream = upstream;
    upstream.setNoDelay(true);
    upstream.on('error', () => undefined);
    upstream.on('close', () => this.closed(pair, 'upstream'));
    client.on('data', (chunk) => this.forward(pair, upstream, chunk, 'up'));
    upstream.on('data', (chunk) => this.forward(pair, client, chunk, 'down'));
  }

  private forward(pair: Pair, to: net.Socket, chunk: Buffer, dir: 'up' | 'down'): void {
    if (pair.blackholed) {
      this.swallowed++;
      return;
    }
    const delay = dir === 'down' ? this.latencyMs : 0;
    if (delay > 0) this.held++;
    if (delay <= 0 && (dir === 'up' ? pair.upAt : pair.downAt) <= Date.now()) {
      if (!to.destroyed) to.write(chunk);
      return;
    }
    const at = Math.max(Date.now() + delay, dir === 'up' ? pair.upAt : pair.downAt);
    if (dir === 'up') pair.upAt = at;
    else pair.downAt = at;
    setTimeout(() => {
      if (!pair.blackholed && !to.destroyed) to.write(chunk);
    }, at - Date.now()).unref();
  }

  private closed(pair: Pair, side: 'client' | 'upstream'): void {
    if (!this.pairs.has(pair)) return;
    if (pair.blackholed) {
      // Half-open: the other side never hears of it.
      if (side === 'client') {
        this.pairs.delete(pair);
        pair.upstream?.destroy();
      }
      return;
    }
    this.pairs.delete(pair);
    const other = side === 'client' ? pair.upstream : pair.client;
    if (!other || other.destroyed) return;
    // Let delayed chunks reach the client before the close does.
    const wait = side === 'upstream' ? Math.max(0, pair.downAt - Date.now()) : 0;
    if (wait) setTimeout(() => other.end(), wait).unref();
    else other.end();
  }

  private kill(pair: Pair): void {
    this.pairs.delete(pair);
    for (const s of [pair.client, pair.upstream]) if (s && !s.destroyed) s.resetAndDestroy();
  }
}
