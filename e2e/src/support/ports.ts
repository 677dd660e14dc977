// Free TCP ports on 127.0.0.1, so that suites (and other checkouts on the same
// machine) never collide on a fixed port.
import net from 'node:net';

async function listenOn(port: number): Promise<net.Server | undefined> {
  const server = net.createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(undefined));
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => resolve(server));
  });
}

async function close(server: net.Server): Promise<void> {
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** A port the kernel says is free now. */
export async function freePort(): Promise<number> {
  const server = await listenOn(0);
  if (server === undefined) throw new Error('no free port on 127.0.0.1');
  const address = server.address();
  await close(server);
  if (address === null || typeof address === 'string') throw new Error('no port assigned');
  return address.port;
}

/** Two consecutive free ports (a Kafka broker's client and controller listeners). */
export async function freePortPair(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const first = await freePort();
    if (first >= 65_535) continue;
    const second = await listenOn(first + 1);
    if (second === undefined) continue;
    await close(second);
    return first;
  }
  throw new Error('no two consecutive free ports on 127.0.0.1');
}
