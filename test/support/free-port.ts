import { createServer } from 'node:net';

/** A TCP port nothing listens on right now (the OS picks it): for servers of a test's own, or to be refused. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}
