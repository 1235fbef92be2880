// Live change signals for the statistics stream. Posting transactions never NOTIFY (a notifying
// transaction takes a database-wide lock at commit and would serialise all posting). Instead one
// relay per deployment — whichever server process holds the relay advisory lock — reads, every
// 150 ms, which workspaces have movements or step events committed since its watermark and sends
// one small NOTIFY per changed workspace. Every process LISTENs and passes the signal to its own
// stream clients of that workspace; clients then fetch the summary again.
// The relay's watermark is a transaction id: everything below it has been signalled. What clients
// get as event ids is a snapshot (pg_current_snapshot: xmin:xmax:in-progress ids), so a client
// resuming with Last-Event-ID is told at once exactly when its workspace has a change that snapshot
// could not see — a long transaction elsewhere in the cluster holding xmin back does not make every
// resume look changed.
import { EventEmitter } from 'node:events';
import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import type { Database } from '../../db/engine.ts';
import { withSystem, withTenant } from '../../db/tenant.ts';

const CHANNEL = 'opsledger_changes';
const RELAY_LOCK = 7_349_201_994;
export const RELAY_INTERVAL_MS = 150;

export interface ChangeSignal {
  tenantId: string;
  /** The snapshot the relay read in (xmin:xmax:xip…): every change it could see has been signalled. */
  watermark: string;
  at: string;
}

interface Change {
  tenant_id: string;
  xid: string;
}

const CHANGES_SINCE = (watermark: string) => sql<Change>`
  select tenant_id, xid::text as xid from movements where xid >= ${watermark}::xid8
  union select tenant_id, xid::text from work_order_events where xid >= ${watermark}::xid8`;

export class ChangeFeed {
  private readonly emitter = new EventEmitter();
  private listener: pg.Client | undefined;
  private timer: NodeJS.Timeout | undefined;
  private watermark: string | undefined;
  private seen = new Set<string>();
  private leader = false;
  private busy = false;
  private stopped = false;

  constructor(
    private readonly database: Database,
    private readonly log: FastifyBaseLogger,
  ) {
    this.emitter.setMaxListeners(0);
  }

  async start(): Promise<void> {
    if (this.database.engine === 'pg' && this.database.url) {
      const client = new pg.Client({ connectionString: this.database.url });
      await client.connect();
      // The relay reads across workspaces as opsledger_system, which sees only ids and transaction ids.
      await client.query('set role opsledger_system');
      client.on('notification', (msg) => {
        if (msg.channel !== CHANNEL || !msg.payload) return;
        try {
          const signal = JSON.parse(msg.payload) as ChangeSignal;
          this.emitter.emit(signal.tenantId, signal);
        } catch (err) {
          this.log.warn({ err }, 'bad change signal');
        }
      });
      client.on('error', (err) => this.log.error({ err }, 'change feed connection failed'));
      await client.query(`listen ${CHANNEL}`);
      this.listener = client;
    }
    // Everything committed from now on is at or above this watermark, so nothing after start is missed.
    this.watermark = await this.currentXmin();
    this.timer = setInterval(() => void this.tick(), RELAY_INTERVAL_MS);
    this.timer.unref();
  }

  subscribe(tenantId: string, onSignal: (signal: ChangeSignal) => void): () => void {
    this.emitter.on(tenantId, onSignal);
    return () => this.emitter.off(tenantId, onSignal);
  }

  /** The current snapshot: what a new client's first event id is. */
  async currentWatermark(): Promise<string> {
    const r = await withSystem(this.database.db, (tx) =>
      sql<{ w: string }>`select pg_current_snapshot()::text as w`.execute(tx),
    );
    return r.rows[0]!.w;
  }

  /** The oldest transaction still running: the relay reads from here. */
  private async currentXmin(): Promise<string> {
    const r = await withSystem(this.database.db, (tx) =>
      sql<{ w: string }>`select pg_snapshot_xmin(pg_current_snapshot())::text as w`.execute(tx),
    );
    return r.rows[0]!.w;
  }

  /** Whether the workspace has a change that the snapshot a client last saw could not see. */
  async changedSince(tenantId: string, lastEventId: string): Promise<boolean> {
    // A bare transaction id (ids sent before snapshots were): anything at or above it.
    const snapshot = /^\d{1,20}$/.test(lastEventId) ? `${lastEventId}:${lastEventId}:` : lastEventId;
    if (snapshot.length > 8192 || !/^\d{1,20}:\d{1,20}:(\d{1,20}(,\d{1,20})*)?$/.test(snapshot)) return true;
    const unseen = (table: 'movements' | 'work_order_events') => sql`exists (select 1 from ${sql.table(table)}
      where tenant_id = ${tenantId} and xid >= pg_snapshot_xmin(${snapshot}::pg_snapshot)
        and not pg_visible_in_snapshot(xid, ${snapshot}::pg_snapshot))`;
    const r = await withTenant(this.database.db, tenantId, (tx) =>
      sql<{
        changed: boolean;
      }>`select ${unseen('movements')} or ${unseen('work_order_events')} as changed`.execute(tx),
    ).catch(() => undefined);
    return r?.rows[0]?.changed !== false;
  }

  private async tick(): Promise<void> {
    if (this.busy || this.stopped) return;
    this.busy = true;
    try {
      if (this.listener && !this.leader) {
        const r = await this.listener.query<{ ok: boolean }>('select pg_try_advisory_lock($1) as ok', [
          RELAY_LOCK,
        ]);
        this.leader = r.rows[0]?.ok === true;
        if (!this.leader) {
          // A standby keeps its watermark current, so if it takes over it relays from where the
          // leader was a moment ago (a few duplicate signals, never a gap).
          this.watermark = await this.currentXmin();
          return;
        }
      }
      await this.relay();
    } catch (err) {
      if (!this.stopped) this.log.error({ err }, 'change relay failed');
    } finally {
      this.busy = false;
    }
  }

  private async relay(): Promise<void> {
    const { rows, xmin, snapshot } = await withSystem(this.database.db, async (tx) => {
      const now = (
        await sql<{ w: string; s: string }>`select pg_snapshot_xmin(pg_current_snapshot())::text as w,
          pg_current_snapshot()::text as s`.execute(tx)
      ).rows[0]!;
      // Read after the snapshot was taken, so it sees at least what the snapshot does.
      return {
        rows: (await CHANGES_SINCE(this.watermark ?? now.w).execute(tx)).rows,
        xmin: now.w,
        snapshot: now.s,
      };
    });
    const fresh = rows.filter((r) => !this.seen.has(`${r.tenant_id}:${r.xid}`));
    // Rows at or above the new watermark may be read again next time; remember them so each is signalled once.
    this.seen = new Set(
      rows.filter((r) => BigInt(r.xid) >= BigInt(xmin)).map((r) => `${r.tenant_id}:${r.xid}`),
    );
    this.watermark = xmin;
    const tenants = [...new Set(fresh.map((r) => r.tenant_id))];
    const at = new Date().toISOString();
    for (const tenantId of tenants) {
      const signal: ChangeSignal = { tenantId, watermark: snapshot, at };
      if (this.listener)
        await this.listener.query('select pg_notify($1, $2)', [CHANNEL, JSON.stringify(signal)]);
      else this.emitter.emit(tenantId, signal);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    while (this.busy) await new Promise((r) => setTimeout(r, 10));
    await this.listener?.end().catch(() => {});
  }
}
