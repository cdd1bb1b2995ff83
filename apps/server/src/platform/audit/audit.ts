import { createHash } from 'node:crypto';
import type { Queryable } from '../db/pool';

/**
 * Append-only audit (ARCHITECTURE.md decision 4, UU PDP checklist point 4).
 * Events are buffered during a unit of work and written by `flush` as the last
 * step of the same transaction. Each chain is a hash chain: every event stores
 * the hash of the previous one, so editing or deleting a row is detected by
 * `verifyAuditChains`. A chain belongs to a regency (or 'system') and, for
 * signed-in users, to one of AUDIT_LANES lanes chosen by the user id —
 * `33.72/5` — so hundreds of users of one regency do not queue on one lock;
 * one user's events stay in order in their lane. The per-chain advisory lock is
 * held only from the audit insert to the commit.
 */
export const AUDIT_LANES = 8;

export function chainOf(regencyCode: string | null | undefined, userId: string | null): string {
  const base = regencyCode ?? 'system';
  if (!userId) return base;
  const lane = createHash('sha256').update(userId).digest().readUInt32BE(0) % AUDIT_LANES;
  return `${base}/${lane}`;
}
export interface AuditEvent {
  action: string;
  entityType: string;
  entityId?: string | null;
  personId?: string | null;
  regencyCode?: string | null;
  purpose?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditActor {
  userId: string | null;
  label: string;
}

interface StoredFields {
  chain: string;
  seq: number;
  occurredAt: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  personId: string | null;
  regencyCode: string | null;
  purpose: string | null;
  requestId: string | null;
  details: unknown;
}

/** JSON with object keys sorted at every depth, so jsonb round trips hash the same. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v ?? null);
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
    .join(',')}}`;
}

export function eventHash(prev: Buffer | null, f: StoredFields): Buffer {
  const body = canonicalJson([
    f.chain,
    f.seq,
    f.occurredAt,
    f.actorId,
    f.actorLabel,
    f.action,
    f.entityType,
    f.entityId,
    f.personId,
    f.regencyCode,
    f.purpose,
    f.requestId,
    f.details ?? {},
  ]);
  return createHash('sha256')
    .update(prev ?? Buffer.alloc(32))
    .update(body)
    .digest();
}

function lockKey(chain: string): string {
  // A stable 63-bit key per chain for pg_advisory_xact_lock.
  return createHash('sha256').update(`audit:${chain}`).digest().readBigInt64BE(0).toString();
}

export class AuditLog {
  private readonly pending: AuditEvent[] = [];
  constructor(
    readonly actor: AuditActor,
    readonly requestId: string | null,
    private readonly now: () => Date,
  ) {}

  record(e: AuditEvent): void {
    this.pending.push(e);
  }

  get size(): number {
    return this.pending.length;
  }

  /** Writes the buffered events in the caller's transaction. */
  async flush(db: Queryable): Promise<void> {
    if (this.pending.length === 0) return;
    const events = this.pending.splice(0);
    const byChain = new Map<string, AuditEvent[]>();
    for (const e of events) {
      const chain = chainOf(e.regencyCode, this.actor.userId);
      byChain.set(chain, [...(byChain.get(chain) ?? []), e]);
    }
    // Lock chains in a fixed order so two transactions never deadlock on them.
    for (const chain of [...byChain.keys()].sort()) {
      await db.query('SELECT pg_advisory_xact_lock($1::bigint)', [lockKey(chain)]);
      const last = await db.query(`SELECT seq, hash FROM audit_chain_head WHERE chain = $1`, [chain]);
      let seq = last.rows[0] ? Number(last.rows[0].seq) : 0;
      let prev: Buffer | null = last.rows[0]?.hash ?? null;
      const occurredAt = this.now().toISOString();
      const rows: unknown[][] = [];
      for (const e of byChain.get(chain)!) {
        seq += 1;
        const f: StoredFields = {
          chain,
          seq,
          occurredAt,
          actorId: this.actor.userId,
          actorLabel: this.actor.label,
          action: e.action,
          entityType: e.entityType,
          entityId: e.entityId ?? null,
          personId: e.personId ?? null,
          regencyCode: e.regencyCode ?? null,
          purpose: e.purpose ?? null,
          requestId: this.requestId,
          details: JSON.parse(canonicalJson(e.details ?? {})),
        };
        const hash = eventHash(prev, f);
        rows.push([f.chain, f.seq, f.occurredAt, f.actorId, f.actorLabel, f.action, f.entityType, f.entityId, f.personId, f.regencyCode, f.purpose, f.requestId, canonicalJson(f.details), prev, hash]);
        prev = hash;
      }
      const cols = 15;
      const values = rows.map((_, i) => `(${Array.from({ length: cols }, (_, j) => `$${i * cols + j + 1}`).join(',')})`).join(',');
      const n = rows.length * cols;
      // One round trip: the events, then the chain head (so deleting the tail is detected too).
      await db.query(
        `WITH appended AS (
           INSERT INTO audit_event (chain, seq, occurred_at, actor_id, actor_label, action, entity_type, entity_id, person_id,
                                    regency_code, purpose, request_id, details, prev_hash, hash)
           VALUES ${values} RETURNING 1
         )
         INSERT INTO audit_chain_head (chain, seq, hash) VALUES ($${n + 1}, $${n + 2}, $${n + 3})
         ON CONFLICT (chain) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash`,
        [...rows.flat(), chain, seq, prev],
      );
    }
  }
}

export interface ChainReport {
  chain: string;
  events: number;
  ok: boolean;
  brokenAt?: { seq: number; reason: string };
}

/** Walks every chain in order; reports the first broken link of each. */
export async function verifyAuditChains(db: Queryable, batch = 5000): Promise<ChainReport[]> {
  const chains = (
    await db.query(`SELECT chain FROM audit_event GROUP BY chain UNION SELECT chain FROM audit_chain_head ORDER BY chain`)
  ).rows.map((r) => r.chain as string);
  const reports: ChainReport[] = [];
  for (const chain of chains) {
    let prev: Buffer | null = null;
    let expectedSeq = 1;
    let events = 0;
    let broken: ChainReport['brokenAt'];
    let after = 0;
    outer: for (;;) {
      const { rows } = await db.query(
        `SELECT chain, seq, occurred_at, actor_id, actor_label, action, entity_type, entity_id, person_id, regency_code,
                purpose, request_id, details, prev_hash, hash
         FROM audit_event WHERE chain = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
        [chain, after, batch],
      );
      if (rows.length === 0) break;
      for (const r of rows) {
        const seq = Number(r.seq);
        events++;
        if (seq !== expectedSeq) {
          broken = { seq: expectedSeq, reason: `event ${expectedSeq} is missing (next is ${seq})` };
          break outer;
        }
        const stored: Buffer | null = r.prev_hash;
        if ((stored === null) !== (prev === null) || (stored && prev && !stored.equals(prev))) {
          broken = { seq, reason: 'previous-hash link does not match the preceding event' };
          break outer;
        }
        const recomputed = eventHash(prev, {
          chain: r.chain,
          seq,
          occurredAt: new Date(r.occurred_at).toISOString(),
          actorId: r.actor_id,
          actorLabel: r.actor_label,
          action: r.action,
          entityType: r.entity_type,
          entityId: r.entity_id,
          personId: r.person_id,
          regencyCode: r.regency_code,
          purpose: r.purpose,
          requestId: r.request_id,
          details: r.details,
        });
        if (!recomputed.equals(r.hash)) {
          broken = { seq, reason: 'content does not match its hash (the event was altered)' };
          break outer;
        }
        prev = r.hash;
        expectedSeq++;
        after = seq;
      }
    }
    if (!broken) {
      const head = (await db.query(`SELECT seq, hash FROM audit_chain_head WHERE chain = $1`, [chain])).rows[0];
      if (!head || Number(head.seq) !== expectedSeq - 1 || !prev || !(head.hash as Buffer).equals(prev)) {
        broken = {
          seq: expectedSeq,
          reason: `the chain ends at event ${expectedSeq - 1} but its head records event ${head ? Number(head.seq) : 'none'} (events were removed)`,
        };
      }
    }
    reports.push({ chain, events, ok: !broken, ...(broken ? { brokenAt: broken } : {}) });
  }
  return reports;
}
