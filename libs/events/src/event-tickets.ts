import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { eventKeys } from './live-events';

export const TICKET_TTL_MS = 60_000;
const TICKET_SHAPE = /^evt_[A-Za-z0-9_-]{43}$/;

/** Who asked for a ticket: the request's acting user, and their role once authentication exists. */
export interface TicketHolder {
  name: string;
  role?: string | null;
}

/**
 * Single-use tickets for a browser's EventSource, which cannot send an Authorization header (ENGINE.md
 * 11.4): valid 60 s, kept in Redis (so any API replica redeems them) under their SHA-256 only.
 */
export class EventTickets {
  private readonly keys: ReturnType<typeof eventKeys>;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.keys = eventKeys(prefix);
  }

  async issue(holder: TicketHolder, now = Date.now()): Promise<{ ticket: string; expiresAt: string }> {
    const ticket = `evt_${randomBytes(32).toString('base64url')}`;
    await this.redis.set(this.keys.ticket(hashOf(ticket)), JSON.stringify(holder), 'PX', TICKET_TTL_MS);
    return { ticket, expiresAt: new Date(now + TICKET_TTL_MS).toISOString() };
  }

  /** The holder, once: a ticket never issued, used already or expired gives null. */
  async redeem(ticket: string): Promise<TicketHolder | null> {
    if (!TICKET_SHAPE.test(ticket)) return null;
    const stored = await this.redis.getdel(this.keys.ticket(hashOf(ticket)));
    return stored === null ? null : (JSON.parse(stored) as TicketHolder);
  }
}

function hashOf(ticket: string): string {
  return createHash('sha256').update(ticket).digest('hex');
}
