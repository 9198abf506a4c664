import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What every receiver of OpsCycle's webhooks checks: the HMAC-SHA256 of the raw body, in constant time. */
export function signatureMatches(secret: string, body: Buffer, request: IncomingMessage): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`);
  const given = Buffer.from(String(request.headers['x-opscycle-signature'] ?? ''));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export interface ReceivedExport {
  exportId: string;
  payeeId: string;
  totalMinor: number;
  currency: string;
}

/**
 * A real HTTP endpoint standing in for HR/finance: verifies the HMAC signature, records every
 * delivery, and deduplicates by export id as the receiving system must. `hangNext` accepts a
 * delivery and never answers, as when the sender dies before reading the answer.
 */
export async function startWebhookReceiver(secret: string) {
  const deliveries: ReceivedExport[][] = [];
  const accepted = new Map<string, ReceivedExport>();
  let badSignatures = 0;
  let hangNext = 0;
  const hung: IncomingMessage[] = [];

  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      if (!signatureMatches(secret, body, request)) {
        badSignatures++;
        response.writeHead(401).end();
        return;
      }
      const { exports } = JSON.parse(body.toString('utf8')) as { exports: ReceivedExport[] };
      deliveries.push(exports);
      for (const e of exports) if (!accepted.has(e.exportId)) accepted.set(e.exportId, e);
      if (hangNext > 0) {
        hangNext--;
        hung.push(request);
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/payouts`,
    deliveries,
    accepted,
    badSignatures: () => badSignatures,
    hangNextDelivery: () => {
      hangNext++;
    },
    /** What each payee received in total, counting every export id once. */
    paidPerPayee(): Map<string, number> {
      const paid = new Map<string, number>();
      for (const e of accepted.values()) paid.set(e.payeeId, (paid.get(e.payeeId) ?? 0) + e.totalMinor);
      return paid;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
