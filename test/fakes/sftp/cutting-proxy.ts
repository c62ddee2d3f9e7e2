import { connect, createServer, type Socket } from 'node:net';

export interface CuttingProxy {
  port: number;
  /** The next connection is cut (both ends destroyed) once this many bytes went client → server. */
  cutNextAfter(bytes: number): void;
  /** How many connections were cut so far. */
  readonly cuts: number;
  /**
   * The next connection stops passing client → server bytes once this many went through, until
   * `release()`: an upload held mid-way. Resolves when the hold begins.
   */
  holdNextAfter(bytes: number): Promise<void>;
  /** Lets a held connection go on. */
  release(): void;
  close(): Promise<void>;
}

/**
 * A TCP relay on loopback in front of the SFTP server that can drop a connection mid-upload, or hold
 * one: the real SSH and SFTP protocol runs through it, so the real client code meets a real broken
 * pipe, or a slow server.
 */
export async function startCuttingProxy(targetPort: number): Promise<CuttingProxy> {
  let cutAfter: number | undefined;
  let hold: { after: number; began: () => void } | undefined;
  /** What a held connection has not passed on yet; null when nothing is held. */
  let held: { upstream: Socket; chunks: Buffer[] } | null = null;
  let cuts = 0;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const limit = cutAfter;
    cutAfter = undefined;
    const holding = hold;
    hold = undefined;
    const upstream = connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    let sent = 0;
    let heldOnce = false;
    const cut = () => {
      cuts += 1;
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (chunk: Buffer) => {
      sent += chunk.length;
      if (limit !== undefined && sent > limit) {
        cut();
        return;
      }
      if (holding && !heldOnce && sent > holding.after) {
        heldOnce = true;
        held = { upstream, chunks: [] };
        holding.began();
      }
      if (held?.upstream === upstream) held.chunks.push(chunk);
      else upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    for (const [a, b] of [[client, upstream], [upstream, client]] as const) {
      a.on('close', () => {
        sockets.delete(a);
        b.destroy();
      });
      a.on('error', () => b.destroy());
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('no proxy port');
  return {
    port: address.port,
    cutNextAfter(bytes) {
      cutAfter = bytes;
    },
    get cuts() {
      return cuts;
    },
    holdNextAfter(bytes) {
      return new Promise((began) => {
        hold = { after: bytes, began };
      });
    },
    release() {
      const h = held;
      held = null;
      for (const chunk of h?.chunks ?? []) h?.upstream.write(chunk);
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => { resolve(); }));
    },
  };
}
