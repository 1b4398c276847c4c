import { randomUUID } from 'node:crypto';
import { Column, In, IsNull, LessThanOrEqual, Or, Repository } from 'typeorm';

/** The columns a table of outgoing deliveries (webhook calls, e-mails) shares; S = its statuses. */
export abstract class LeasedDeliveryColumns<S extends string> {
  /** 'pending' until sent, or 'dead' after the last failed attempt. */
  @Column({ type: 'varchar', length: 10 }) status!: S;
  @Column({ type: 'integer', default: 0 }) attempts!: number;
  @Column({ type: 'datetime' }) nextAttemptAt!: Date;
  @Column({ type: 'varchar', length: 36, nullable: true }) claimedBy!: string | null;
  @Column({ type: 'datetime', nullable: true }) leaseUntil!: Date | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) lastError!: string | null;
}

export type LeasedDelivery = LeasedDeliveryColumns<string> & { id: string };

export interface DeliveryPolicy {
  /** How long a claim holds; a sender that died mid-send is replaced when it ends. */
  leaseMs: number;
  maxAttempts: number;
  /** The first retry's delay; it doubles with every failed attempt. */
  retryBaseMs: number;
  /** What a successful attempt writes besides attempts (the channel's done status and time). */
  done: () => Record<string, unknown>;
}

/**
 * Claim, retry and dead-letter of pending deliveries, shared by the channels that call out. A row
 * is claimed with a lease before it is sent, so two processes never send it at once; each attempt
 * is recorded only by the claim that made it (a row re-claimed after its lease ran out is the new
 * holder's). Delivery is therefore at least once: a sender that dies after sending but before
 * recording sends again when the lease ends.
 */
export class LeasedDeliveries<E extends LeasedDelivery> {
  private readonly repo: Repository<LeasedDelivery>;

  constructor(
    repo: Repository<E>,
    private readonly policy: DeliveryPolicy,
  ) {
    // The generic entity's find options do not resolve in TypeScript; every column used is in LeasedDelivery.
    this.repo = repo as unknown as Repository<LeasedDelivery>;
  }

  /** Claims up to `limit` due deliveries for this caller and answers them. */
  async claimDue(limit: number): Promise<E[]> {
    const now = new Date();
    const due = () => ({
      status: 'pending',
      nextAttemptAt: LessThanOrEqual(now),
      leaseUntil: Or(IsNull(), LessThanOrEqual(now)),
    });
    const candidates = await this.repo.find({
      where: due(),
      select: { id: true },
      order: { nextAttemptAt: 'ASC' },
      take: limit,
    });
    if (!candidates.length) return [];
    const claim = randomUUID();
    // Re-checked in the UPDATE: a row another process claimed meanwhile is no longer due.
    const ids = In(candidates.map((c) => c.id));
    await this.repo.update(
      { id: ids, ...due() },
      { claimedBy: claim, leaseUntil: new Date(now.getTime() + this.policy.leaseMs) },
    );
    // By primary key: claimedBy has no index of its own.
    return (await this.repo.find({ where: { id: ids, claimedBy: claim, status: 'pending' } })) as E[];
  }

  /** Records one attempt: done, pending again after the backoff, or dead after the last attempt. */
  async settle(delivery: E, error: string | null): Promise<void> {
    const attempts = delivery.attempts + 1;
    const mine = { id: delivery.id, claimedBy: delivery.claimedBy! };
    if (!error) {
      await this.repo.update(mine, { ...this.policy.done(), attempts, lastError: null, leaseUntil: null });
      return;
    }
    await this.repo.update(mine, {
      status: attempts >= this.policy.maxAttempts ? 'dead' : 'pending',
      attempts,
      lastError: error.slice(0, 500),
      claimedBy: null,
      leaseUntil: null,
      nextAttemptAt: new Date(Date.now() + this.policy.retryBaseMs * 2 ** (attempts - 1)),
    });
  }
}
