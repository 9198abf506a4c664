import { createHmac } from 'node:crypto';

/**
 * An endpoint receiving OpsCycle's signed JSON posts (payout exports to HR/finance, approval
 * reminders to chat robots or mail gateways). The receiver verifies `X-OpsCycle-Signature:
 * sha256=<hex>`, the HMAC-SHA256 of the raw body under the shared secret.
 */
export interface SignedWebhook {
  url: string;
  secret: string;
}

export function signWebhookBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * Posts a JSON body, signed, with an `idempotency-key` the receiver deduplicates on (a retried
 * activity may send the same body again when it died after the answer). A non-2xx answer throws,
 * so the activity is retried.
 */
export async function postSignedJson(
  target: SignedWebhook,
  body: string,
  options: { idempotencyKey: string; signal: AbortSignal; post?: typeof fetch },
): Promise<void> {
  const response = await (options.post ?? fetch)(target.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-opscycle-signature': signWebhookBody(target.secret, body),
      'idempotency-key': options.idempotencyKey,
    },
    body,
    signal: options.signal,
  });
  // Drained so the connection is released; the answer's content means nothing to the sender.
  await response.arrayBuffer().catch(() => undefined);
  if (!response.ok) throw new Error(`${target.url} answered ${response.status} to ${options.idempotencyKey}`);
}
