/**
 * Group commit of new complaints. Every complaint is written with its complainant, its first event, its
 * photos and its audit record in one transaction, and the caller is answered only after that transaction
 * has committed — so an acknowledged complaint is durable, and audited.
 *
 * Under load, one transaction per submission is slow: each one takes the audit chain's global lock and
 * waits for its own commit (WAL flush). So submissions that arrive while a transaction is in flight wait for
 * the next one and are written together (up to MAX_BATCH): one lock, one commit, multi-row inserts. At low
 * load a batch is one complaint and nothing waits. If a batch fails, its complaints are retried one by one,
 * so one bad row cannot sink the others.
 */
import type { Db } from '../../db/client';
import { bulkAppend, bulkInsertSkippingConflicts } from '../../db/bulk';
import { complainants, complaintEvents, complaints, files } from '../../db/schema/index';
import { recordAuditBatch, type AuditInput } from '../../platform/audit';
import type { Actor } from '../../platform/access';

export interface NewComplaint {
  complaint: typeof complaints.$inferInsert & { id: string; trackingCode: string };
  complainant?: Omit<typeof complainants.$inferInsert, 'complaintId'>;
  event: Omit<typeof complaintEvents.$inferInsert, 'complaintId'>;
  files: (typeof files.$inferInsert)[];
  audit: AuditInput;
  actor: Pick<Actor, 'userId' | 'displayName'> | null;
}

/** `inserted`: written now. `false`: not written, because its tracking code or submission key already exists. */
type Outcome = { inserted: boolean };

interface Pending {
  item: NewComplaint;
  resolve: (o: Outcome) => void;
  reject: (e: unknown) => void;
}

const MAX_BATCH = 200;

export class IntakeWriter {
  private queue: Pending[] = [];
  private running = false;

  constructor(private readonly db: Db) {}

  /** Resolves after the transaction holding this complaint has committed. */
  write(item: NewComplaint): Promise<Outcome> {
    return new Promise<Outcome>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.running) {
        this.running = true;
        void this.drain();
      }
    });
  }

  private async drain() {
    try {
      for (;;) {
        // Let the event loop read the requests that have arrived before taking a batch. PGlite answers queries
        // without real I/O (its promises settle as microtasks), so without this turn a whole transaction runs
        // before the next request is even parsed, and every batch would hold one complaint.
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (!this.queue.length) break;
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          const inserted = await this.insert(batch.map((p) => p.item));
          for (const p of batch) p.resolve({ inserted: inserted.has(p.item.complaint.id) });
        } catch (err) {
          if (batch.length === 1) {
            batch[0].reject(err);
            continue;
          }
          // isolate the failing complaint(s): one transaction each
          for (const p of batch) {
            try {
              const inserted = await this.insert([p.item]);
              p.resolve({ inserted: inserted.has(p.item.complaint.id) });
            } catch (e) {
              p.reject(e);
            }
          }
        }
      }
    } finally {
      this.running = false;
    }
  }

  /** One transaction: complaints (skipping existing codes or keys), then only for those written their rows and audit. */
  private async insert(items: NewComplaint[]): Promise<Set<string>> {
    return this.db.transaction(async (tx) => {
      // rows as one jsonb parameter: a few thousand bind parameters per batch cost more than the inserts on PGlite
      const db = tx as unknown as Db;
      const inserted = new Set(await bulkInsertSkippingConflicts(db, complaints, items.map((i) => i.complaint)));
      const written = items.filter((i) => inserted.has(i.complaint.id));
      if (!written.length) return inserted;
      const people = written.filter((i) => i.complainant).map((i) => ({ ...i.complainant!, complaintId: i.complaint.id }));
      if (people.length) await bulkAppend(db, complainants, people);
      await bulkAppend(db, complaintEvents, written.map((i) => ({ ...i.event, complaintId: i.complaint.id })));
      const photos = written.flatMap((i) => i.files);
      if (photos.length) await tx.insert(files).values(photos); // bytea: bound as binary parameters
      // the audit chain: one lock for the whole batch; each record carries its own actor
      const byActor = new Map<string, NewComplaint[]>();
      for (const i of written) {
        const key = i.actor?.userId ?? '';
        byActor.set(key, [...(byActor.get(key) ?? []), i]);
      }
      for (const group of byActor.values()) await recordAuditBatch(db, group[0].actor, group.map((i) => i.audit));
      return inserted;
    });
  }
}

const writers = new WeakMap<Db, IntakeWriter>();

/** The writer of a database (one per process and database, so batches form across requests). */
export function intakeWriter(db: Db): IntakeWriter {
  let w = writers.get(db);
  if (!w) writers.set(db, (w = new IntakeWriter(db)));
  return w;
}

