import { createHmac, timingSafeEqual } from 'node:crypto';
import type { NotificationKind, RecipientType } from './repository.js';

export interface UnsubscribeClaim {
  recipientType: RecipientType;
  recipientId: string;
  kind: NotificationKind;
}

const derived = new Map<string, Buffer>();

/** A key for unsubscribe links, derived from the app secret so it differs from the JWT key. */
function key(secret: string): Buffer {
  let k = derived.get(secret);
  if (!k) {
    k = createHmac('sha256', secret).update('bekal-kerja/unsubscribe/v1').digest();
    derived.set(secret, k);
  }
  return k;
}

/** A signed token naming who stops receiving which kind of email. It does not expire. */
export function signUnsubscribe(claim: UnsubscribeClaim, secret: string): string {
  const body = Buffer.from(`${claim.recipientType}:${claim.recipientId}:${claim.kind}`).toString('base64url');
  const sig = createHmac('sha256', key(secret)).update(body).digest('base64url');
  return `${body}.${sig}`;
}

export function verifyUnsubscribe(token: string, secret: string): UnsubscribeClaim | null {
  const [body, sig] = token.split('.');
  if (!body || !sig) return null;
  const expected = createHmac('sha256', key(secret)).update(body).digest();
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const [recipientType, recipientId, kind] = Buffer.from(body, 'base64url').toString('utf8').split(':');
  if (!recipientType || !recipientId || !kind) return null;
  return { recipientType: recipientType as RecipientType, recipientId, kind: kind as NotificationKind };
}
