import { connect, createServer, type Socket } from 'node:net';

export interface CuttingProxy {
  port: number;
  /** The next connection is cut (both ends destroyed) once this many bytes went client → server. */
  cutNextAfter(bytes: number): void;
  /** How many connections were cut so far. */
  readonly cuts: number;
  close(): Promise<void>;
}

/**
 * A TCP relay on loopback in front of the SFTP server that can drop a connection mid-upload: the
 * real SSH and SFTP protocol runs through it, so the real client code meets a real broken pipe.
 */
export async function startCuttingProxy(targetPort: number): Promise<CuttingProxy> {
  let cutAfter: number | undefined;
  let cuts = 0;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const limit = cutAfter;
    cutAfter = undefined;
    const upstream = connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    let sent = 0;
    const cut = () => {
      cuts += 1;
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (chunk: Buffer) => {
      sent += chunk.length;
      if (limit !== undefined && sent > limit) cut();
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
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => { resolve(); }));
    },
  };
}
