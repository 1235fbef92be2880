// Process-step events, posted by scanning a traveler's step QR: start, pause (with a downtime
// reason), resume, complete (good and scrap, scrap with a reason), and correct (undo a mistaken
// completion). Every event is kept; nothing is edited. Quantities flow step to step: a step can
// complete at most what the step before passed as good (the first step: the order quantity).
// Stock moves through the ledger: the first step consumes components for every unit it handles,
// scrap leaves work in progress to SCRAP at its cost, and the last step's good output is received
// at the cost of the components it carries.
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { newId } from '../../db/ids.ts';
import type { DB } from '../../db/schema.ts';
import type { Tx } from '../../db/tenant.ts';
import { type AuditEntry, auditCte, recordAudit } from '../../platform/audit/record.ts';
import { type FoldedIdempotency, runFoldedCommand } from '../../platform/command.ts';
import type { RequestContext } from '../../platform/context.ts';
import { Decimal, type DecimalInput, dec, parseDecimal, QTY_DECIMALS } from '../../platform/decimal.ts';
import { problem } from '../../platform/errors.ts';
import type { IdempotencyRequest } from '../../platform/idempotency.ts';
import { notifyWorkOrderDone } from '../notifications/events.ts';
import { isActiveReason } from '../reasons/service.ts';
import { productionStatsCtes, recordDowntime, recordProductionStats } from '../stats/rollups.ts';
import { type BookedLocation, bookMovement } from '../stock/book-movement.ts';
import type { MovementView } from '../stock/movement-view.ts';
import { lockWorkOrderQuery, WipPool, type WorkOrderRow } from './wip.ts';

export interface StepEventInput {
  step: number;
  action: 'start' | 'pause' | 'resume' | 'complete' | 'correct';
  goodQty?: DecimalInput | undefined;
  scrapQty?: DecimalInput | undefined;
  scrapReason?: string | undefined;
  /** Why a pause: a downtime reason code. */
  reason?: string | undefined;
  /** For `correct`: the completion event being undone. */
  corrects?: string | undefined;
  workCenter?: string | undefined;
  note?: string | undefined;
  scan?: string | undefined;
}

export interface StepEventView {
  id: string;
  workOrderId: string;
  workOrder: string;
  step: number;
  action: string;
  goodQty: string | null;
  scrapQty: string | null;
  scrapReason: string | null;
  reason: string | null;
  corrects: string | null;
  workCenter: string;
  note: string | null;
  scan: string | null;
  createdAt: string;
  createdBy: string | null;
  movements: string[];
}

interface StepRow {
  seq: number;
  name: string;
  work_center_id: string;
  work_center: string;
  good_qty: string;
  scrap_qty: string;
  state: 'idle' | 'running' | 'paused';
  running_since: Date | null;
  paused_since: Date | null;
  pause_reason: string | null;
  rework_pending: string;
  std_minutes_per_unit: string | null;
}

/**
 * The order locked, the Idempotency-Key claimed (the order is locked only once the key is ours, so
 * a replay waits for nothing) and the production locations, in one round trip; then, in a second
 * statement whose snapshot follows the lock, the order's steps and components. They cannot share
 * the first statement: its snapshot predates the wait for the lock, so it could read steps as they
 * were before the event that held the order committed.
 */
async function openOrder(
  tx: Tx,
  ctx: RequestContext,
  workOrderId: string,
  idempotency: FoldedIdempotency,
): Promise<{ wo: WorkOrderRow; steps: StepRow[]; components: ComponentRow[]; places: Places }> {
  const tenantId = ctx.tenantId;
  const claim = idempotency.claim('claim');
  const claimed = claim ? sql`exists (select 1 from claim)` : sql`true`;
  const head = await sql<{
    claimed: boolean;
    wo: WorkOrderRow | null;
    places: Record<string, string> | null;
  }>`
    with ${claim ? sql`${claim}, ` : sql``}wo as (${lockWorkOrderQuery(tenantId, workOrderId, claimed)})
    select ${claimed} as claimed, (select row_to_json(wo) from wo) as wo,
      (select json_object_agg(code, id) from locations
        where tenant_id = ${tenantId} and code in ('PRODUCTION', 'SCRAP')) as places`.execute(tx);
  const first = head.rows[0]!;
  await idempotency.settle(first.claimed);
  const wo = first.wo;
  if (!wo) throw problem('work_order_not_found');
  const rest = await sql<{ steps: StepRow[]; components: ComponentRow[] }>`
    select
      (select coalesce(json_agg(s order by s.seq), '[]') from (
        select s.seq, s.name, s.work_center_id, w.code as work_center, s.good_qty::text as good_qty,
               s.scrap_qty::text as scrap_qty, s.state, s.running_since, s.paused_since, s.pause_reason,
               s.rework_pending::text as rework_pending, s.std_minutes_per_unit::text as std_minutes_per_unit
        from work_order_steps s join work_centers w on w.tenant_id = s.tenant_id and w.id = s.work_center_id
        where s.tenant_id = ${tenantId} and s.work_order_id = ${wo.id}) s) as steps,
      (select coalesce(json_agg(c order by c.sku), '[]') from (
        select c.item_id, i.sku, i.cost_method, i.min_stock::text as min_stock, c.qty_per_unit::text as qty_per_unit,
               c.consumed_qty::text as consumed_qty
        from work_order_components c join items i on i.tenant_id = c.tenant_id and i.id = c.item_id
        where c.tenant_id = ${tenantId} and c.work_order_id = ${wo.id}) c) as components`.execute(tx);
  const { steps, components } = rest.rows[0]!;
  const place = (code: 'PRODUCTION' | 'SCRAP'): BookedLocation => ({
    id: first.places![code]!,
    code,
    internal: false,
  });
  return {
    wo,
    // JSON carries times as text; the rest of the event works with dates.
    steps: steps.map((s) => ({
      ...s,
      running_since: s.running_since ? new Date(s.running_since) : null,
      paused_since: s.paused_since ? new Date(s.paused_since) : null,
    })),
    components,
    places: { PRODUCTION: place('PRODUCTION'), SCRAP: place('SCRAP') },
  };
}

function elapsedSeconds(since: Date | null, now: Date): number {
  return since ? Math.max(0, (now.getTime() - new Date(since).getTime()) / 1000) : 0;
}

interface ComponentRow {
  item_id: string;
  sku: string;
  cost_method: 'fifo' | 'average';
  min_stock: string | null;
  qty_per_unit: string;
  consumed_qty: string;
}

type Places = Record<'PRODUCTION' | 'SCRAP', BookedLocation>;

/** What each component gives up for the units entering the first step, none where nothing is due. */
function componentsToConsume(components: ComponentRow[], handledAfter: Decimal) {
  return components.flatMap((c) => {
    // Cumulative rounding: after the order is fully handled exactly per-unit × quantity has been consumed.
    const target = new Decimal(c.qty_per_unit).times(handledAfter).toDecimalPlaces(QTY_DECIMALS);
    const qty = target.minus(c.consumed_qty);
    return qty.greaterThan(0) ? [{ component: c, qty }] : [];
  });
}

/** Adds to the components' consumed totals, as a common table expression. */
function consumedCte(
  tenantId: string,
  woId: string,
  consumed: { itemId: string; qty: Decimal; value: Decimal }[],
) {
  return sql`component_totals as (
    update work_order_components c set consumed_qty = c.consumed_qty + v.qty, consumed_value = c.consumed_value + v.value
    from (select unnest(${consumed.map((x) => x.itemId)}::uuid[]) as item_id,
                 unnest(${consumed.map((x) => x.qty.toFixed())}::numeric[]) as qty,
                 unnest(${consumed.map((x) => x.value.toFixed())}::numeric[]) as value) v
    where c.tenant_id = ${tenantId} and c.work_order_id = ${woId} and c.item_id = v.item_id)`;
}

async function insertEvent(
  tx: Tx,
  ctx: RequestContext,
  wo: WorkOrderRow,
  step: StepRow,
  input: StepEventInput,
  extra: { good?: Decimal; scrap?: Decimal; firstPassGood?: Decimal; idempotencyKey?: string | undefined },
) {
  const id = newId();
  const r = await sql<{ created_at: Date }>`
    insert into work_order_events (tenant_id, id, work_order_id, seq, action, good_qty, scrap_qty, scrap_reason, downtime_reason,
      corrects, work_center_id, note, created_by, device, idempotency_key, scan_text, first_pass_good)
    values (${ctx.tenantId}, ${id}, ${wo.id}, ${step.seq}, ${input.action}, ${extra.good?.toFixed() ?? null}, ${extra.scrap?.toFixed() ?? null},
      ${input.scrapReason ?? null}, ${input.action === 'pause' ? (input.reason ?? null) : null}, ${input.corrects ?? null},
      ${step.work_center_id}, ${input.note ?? null}, ${ctx.actor.userId}, ${ctx.device ? JSON.stringify(ctx.device) : null},
      ${extra.idempotencyKey ?? null}, ${input.scan ?? null}, ${extra.firstPassGood?.toFixed() ?? null})
    returning created_at`.execute(tx);
  return { id, createdAt: r.rows[0]!.created_at };
}

/** A paused step that starts again (resume, start or a completion) books its stoppage as downtime,
 * measured between the two events' own timestamps (as a rebuild from the events would). */
async function closeDowntime(
  tx: Tx,
  tenantId: string,
  woId: string,
  step: StepRow,
  now: Date,
): Promise<void> {
  if (!step.paused_since || !step.pause_reason) return;
  await recordDowntime(tx, {
    tenantId,
    workCenterId: step.work_center_id,
    reason: step.pause_reason,
    seconds: elapsedSeconds(step.paused_since, now),
  });
  await sql`update work_order_steps set paused_since = null, pause_reason = null
    where tenant_id = ${tenantId} and work_order_id = ${woId} and seq = ${step.seq}`.execute(tx);
}

async function setStep(tx: Tx, tenantId: string, woId: string, seq: number, set: Record<string, unknown>) {
  const entries = Object.entries(set);
  await sql`update work_order_steps set ${sql.join(entries.map(([k, v]) => sql`${sql.ref(k)} = ${v}`))}
    where tenant_id = ${tenantId} and work_order_id = ${woId} and seq = ${seq}`.execute(tx);
}

export async function postStepEvent(
  db: Kysely<DB>,
  ctx: RequestContext,
  workOrderId: string,
  input: StepEventInput,
  idempotency: IdempotencyRequest | undefined,
): Promise<StepEventView> {
  const { result } = await runFoldedCommand(db, ctx, idempotency, async (tx, folded) => {
    const { wo, steps, components, places } = await openOrder(tx, ctx, workOrderId, folded);
    // A correction may reopen an order its mistaken completion finished.
    const open =
      wo.status === 'released' ||
      wo.status === 'in_progress' ||
      (wo.status === 'done' && input.action === 'correct');
    if (!open) throw problem('work_order_not_active', `The order is ${wo.status}.`);
    const index = steps.findIndex((s) => s.seq === input.step);
    const step = steps[index];
    if (!step)
      throw problem('unknown_step', `${wo.number} has no step ${input.step}.`, {
        errors: [{ path: '/step', message: 'no such step' }],
      });
    if (input.workCenter && input.workCenter !== step.work_center) {
      throw problem(
        'wrong_work_center',
        `Step ${step.seq} (${step.name}) is done at ${step.work_center}, not ${input.workCenter}.`,
      );
    }
    const now = new Date();
    const movementIds: string[] = [];
    let good: Decimal | undefined;
    let scrap: Decimal | undefined;
    let eventId: string;
    let createdAt: Date;
    let done = false;
    /** A completion writes its audit event and stored answer with its own last writes. */
    let finishedInLastStatement = false;
    const view = (): StepEventView => ({
      id: eventId,
      workOrderId: wo.id,
      workOrder: wo.number,
      step: step.seq,
      action: input.action,
      goodQty: dec(good ?? null),
      scrapQty: dec(scrap ?? null),
      scrapReason: input.action === 'complete' ? (input.scrapReason ?? null) : null,
      reason: input.action === 'pause' ? (input.reason ?? null) : null,
      corrects: input.corrects ?? null,
      workCenter: step.work_center,
      note: input.note ?? null,
      scan: input.scan ?? null,
      createdAt: new Date(createdAt).toISOString(),
      createdBy: ctx.actor.userId,
      movements: [...movementIds],
    });
    const audit = (): AuditEntry => ({
      action: `production.${input.action}`,
      entity: 'work_order',
      entityId: wo.id,
      summary: {
        number: wo.number,
        step: step.seq,
        event: eventId,
        good: good?.toFixed() ?? null,
        scrap: scrap?.toFixed() ?? null,
        reason: input.action === 'pause' ? (input.reason ?? null) : (input.scrapReason ?? null),
        corrects: input.corrects ?? null,
      },
    });
    /** The event's audit row and stored answer, as common table expressions for its last statement. */
    const finalWrites = (): RawBuilder<unknown>[] => {
      const store = folded.store(view(), 'idem');
      return [auditCte(ctx, audit(), 'event_audit'), ...(store ? [store] : [])];
    };

    switch (input.action) {
      case 'start':
      case 'resume': {
        if (input.action === 'start' && step.state === 'running') throw problem('step_already_running');
        if (input.action === 'resume' && step.state !== 'paused') throw problem('step_not_paused');
        ({ id: eventId, createdAt } = await insertEvent(tx, ctx, wo, step, input, {
          idempotencyKey: idempotency?.key,
        }));
        await closeDowntime(tx, ctx.tenantId, wo.id, step, createdAt);
        await setStep(tx, ctx.tenantId, wo.id, step.seq, { state: 'running', running_since: now });
        await sql`update work_order_steps set first_started_at = coalesce(first_started_at, ${now})
          where tenant_id = ${ctx.tenantId} and work_order_id = ${wo.id} and seq = ${step.seq}`.execute(tx);
        break;
      }
      case 'pause': {
        if (step.state !== 'running') throw problem('step_not_running');
        if (!input.reason)
          throw problem('validation_failed', '/reason is required', {
            errors: [{ path: '/reason', message: 'is required to pause' }],
          });
        if (!(await isActiveReason(tx, ctx.tenantId, 'downtime', input.reason)))
          throw problem('unknown_downtime_reason');
        ({ id: eventId, createdAt } = await insertEvent(tx, ctx, wo, step, input, {
          idempotencyKey: idempotency?.key,
        }));
        await sql`update work_order_steps set state = 'paused', running_since = null, paused_since = ${createdAt},
            pause_reason = ${input.reason}, actual_seconds = actual_seconds + ${elapsedSeconds(step.running_since, now)}
          where tenant_id = ${ctx.tenantId} and work_order_id = ${wo.id} and seq = ${step.seq}`.execute(tx);
        break;
      }
      case 'complete': {
        good = parseDecimal(input.goodQty ?? 0, '/goodQty', { nonNegative: true });
        scrap = parseDecimal(input.scrapQty ?? 0, '/scrapQty', { nonNegative: true });
        const handled = good.plus(scrap);
        if (!handled.greaterThan(0)) {
          throw problem('validation_failed', 'Give a good or scrap quantity above zero.', {
            errors: [{ path: '/goodQty', message: 'good + scrap must be above zero' }],
          });
        }
        if (scrap.greaterThan(0)) {
          if (!input.scrapReason)
            throw problem('validation_failed', '/scrapReason is required', {
              errors: [{ path: '/scrapReason', message: 'is required with scrap' }],
            });
          if (!(await isActiveReason(tx, ctx.tenantId, 'waste', input.scrapReason)))
            throw problem('unknown_reason', `No waste reason ${input.scrapReason}.`);
        }
        const previous = index === 0 ? new Decimal(wo.qty) : new Decimal(steps[index - 1]!.good_qty);
        const available = previous.minus(step.good_qty).minus(step.scrap_qty);
        if (handled.greaterThan(available)) {
          throw problem(
            'exceeds_available',
            `Step ${step.seq} can complete at most ${available.toFixed()} now; ${handled.toFixed()} were reported.`,
            {
              available: available.toFixed(),
            },
          );
        }
        // Units handled again after a corrected completion are rework: good, but not good first time.
        const redone = Decimal.min(handled, step.rework_pending);
        const firstPassGood = good.minus(Decimal.min(good, redone));
        ({ id: eventId, createdAt } = await insertEvent(tx, ctx, wo, step, input, {
          good,
          scrap,
          firstPassGood,
          idempotencyKey: idempotency?.key,
        }));
        await closeDowntime(tx, ctx.tenantId, wo.id, step, createdAt);
        const pool = new WipPool(wo);
        const last = index === steps.length - 1;
        const item = { id: wo.item_id, sku: wo.sku, method: wo.cost_method };
        const due =
          index === 0
            ? componentsToConsume(components, new Decimal(step.good_qty).plus(step.scrap_qty).plus(handled))
            : [];
        const consumed: { itemId: string; qty: Decimal; value: Decimal }[] = [];
        let scrapValue = new Decimal(0);
        let outputValue = new Decimal(0);
        let poolFilled = index !== 0;
        const fillPool = () => {
          if (poolFilled) return;
          poolFilled = true;
          pool.add(
            handled,
            consumed.reduce((sum, c) => sum.plus(c.value), new Decimal(0)),
          );
        };
        const running = step.state === 'running';
        const produced = new Decimal(wo.produced_qty).plus(last ? good : 0);
        const scrapped = new Decimal(wo.scrapped_qty).plus(scrap);
        done = produced.plus(scrapped).greaterThanOrEqualTo(wo.qty);
        // Everything else the completion changes, with its audit event and the stored answer, rides in
        // the write statement of its last movement (or, with none, a statement of its own). The hot
        // rows it holds until COMMIT (the item cost rows of a product and its components, which every
        // order of that product shares) are then held one round trip less. The rollup rows come after
        // every item cost lock the completion took, the order every posting uses.
        // Narrowed copies for the closures below (good and scrap are the event's `let`s).
        const g = good;
        const sc = scrap;
        const completionWrites = () => [
          ...(consumed.length ? [consumedCte(ctx.tenantId, wo.id, consumed)] : []),
          sql`order_totals as (update work_orders set wip_units = ${pool.units.toFixed()}, wip_value = ${pool.value.toFixed()},
              produced_qty = ${produced.toFixed()}, scrapped_qty = ${scrapped.toFixed()},
              output_value = output_value + ${outputValue.toFixed()}::numeric, scrap_value = scrap_value + ${scrapValue.toFixed()}::numeric,
              status = ${done ? 'done' : 'in_progress'}, started_at = coalesce(started_at, ${now}),
              completed_at = ${done ? now : null}
            where tenant_id = ${ctx.tenantId} and id = ${wo.id})`,
          // A finished order leaves every step idle, the running ones with their time added.
          sql`step_totals as (update work_order_steps set good_qty = good_qty + ${g.toFixed()}::numeric,
              scrap_qty = scrap_qty + ${sc.toFixed()}::numeric, last_completed_at = ${now},
              rework_pending = rework_pending - ${redone.toFixed()}::numeric,
              actual_seconds = actual_seconds + ${running ? elapsedSeconds(step.running_since, now) : 0},
              state = case when ${done} then 'idle' else state end,
              running_since = case when ${done} then null when state = 'running' then ${now}::timestamptz else running_since end
            where tenant_id = ${ctx.tenantId} and work_order_id = ${wo.id} and seq = ${step.seq})`,
          ...(done
            ? [
                sql`other_steps as (update work_order_steps set state = 'idle', running_since = null,
                    actual_seconds = actual_seconds + case when state = 'running'
                      then extract(epoch from (${now}::timestamptz - running_since)) else 0 end
                  where tenant_id = ${ctx.tenantId} and work_order_id = ${wo.id} and seq <> ${step.seq})`,
              ]
            : []),
          productionStatsCtes(
            {
              tenantId: ctx.tenantId,
              workCenterId: step.work_center_id,
              stepName: step.name,
              lastStep: last,
              userId: ctx.actor.userId,
              sign: 1,
              good: g,
              scrap: sc,
              firstPassGood,
              stdMinutes: new Decimal(step.std_minutes_per_unit ?? 0).times(handled),
            },
            'step_stats',
          ),
          ...finalWrites(),
        ];
        // The last movement's write statement carries the completion's writes; `settle` records what
        // the movement booked before they are built.
        const lastOf = (isLast: boolean, settle: (view: MovementView) => void) =>
          isLast
            ? {
                at: createdAt,
                // A finished order is announced after its totals are written (below).
                commits: !done,
                alsoWrite: (view: MovementView) => {
                  settle(view);
                  finishedInLastStatement = true;
                  return sql.join(completionWrites());
                },
              }
            : {};
        const outputLast = last && good.greaterThan(0);
        const scrapLast = !outputLast && scrap.greaterThan(0);
        for (const [i, { component, qty }] of due.entries()) {
          const isLast = !outputLast && !scrapLast && i === due.length - 1;
          const settle = (m: MovementView) => {
            consumed.push({ itemId: component.item_id, qty, value: new Decimal(m.value ?? 0) });
            movementIds.push(m.id);
            if (isLast) fillPool();
          };
          const m = await bookMovement(
            tx,
            ctx,
            {
              type: 'consume',
              item: {
                id: component.item_id,
                sku: component.sku,
                method: component.cost_method,
                minStock: component.min_stock,
              },
              lot: null,
              qty,
              from: { id: wo.components_from_id, code: wo.components_from, internal: true },
              to: places.PRODUCTION,
              cost: { kind: 'out' },
              allowNegative: false,
              reference: wo.number,
              workOrderId: wo.id,
              sourceEventId: eventId,
            },
            lastOf(isLast, settle),
          );
          if (!isLast) settle(m);
        }
        fillPool();
        if (scrap.greaterThan(0)) {
          scrapValue = pool.take(scrap);
          const m = await bookMovement(
            tx,
            ctx,
            {
              type: 'waste',
              item,
              lot: null,
              qty: scrap,
              from: places.PRODUCTION,
              to: places.SCRAP,
              cost: {
                kind: 'fixed',
                value: scrapValue,
                unitCost: scrapValue.dividedBy(scrap).toDecimalPlaces(QTY_DECIMALS),
              },
              allowNegative: false,
              reason: input.scrapReason,
              reference: `${wo.number} step ${step.seq}`,
              workOrderId: wo.id,
              sourceEventId: eventId,
            },
            lastOf(scrapLast, (view) => movementIds.push(view.id)),
          );
          if (!scrapLast) movementIds.push(m.id);
        }
        if (outputLast) {
          outputValue = pool.take(good);
          await bookMovement(
            tx,
            ctx,
            {
              type: 'output',
              item,
              lot: null,
              qty: good,
              from: places.PRODUCTION,
              to: { id: wo.output_to_id, code: wo.output_to, internal: true },
              cost: {
                kind: 'in',
                unitCost: outputValue.dividedBy(good).toDecimalPlaces(QTY_DECIMALS),
                value: outputValue,
              },
              allowNegative: false,
              reference: wo.number,
              workOrderId: wo.id,
              sourceEventId: eventId,
            },
            lastOf(true, (view) => movementIds.push(view.id)),
          );
        }
        if (!finishedInLastStatement) {
          await sql`with ${sql.join(completionWrites())} select 1`.execute(tx);
          finishedInLastStatement = true;
        }
        break;
      }
      case 'correct': {
        const corrected = await correctCompletion(tx, ctx, wo, steps, index, input);
        eventId = corrected.eventId;
        createdAt = corrected.createdAt;
        good = corrected.good;
        scrap = corrected.scrap;
        movementIds.push(...corrected.movementIds);
        break;
      }
    }
    if (!finishedInLastStatement) {
      if (wo.status === 'released') {
        await sql`update work_orders set status = case when status = 'released' then 'in_progress' else status end,
            started_at = coalesce(started_at, ${now})
          where tenant_id = ${ctx.tenantId} and id = ${wo.id}`.execute(tx);
      }
      await recordAudit(tx, ctx, audit());
    }
    // After the order's totals are written: the notice quotes them.
    if (done) await notifyWorkOrderDone(tx, ctx.tenantId, wo.id);
    return view();
  });
  return result;
}

/**
 * Undoes a completion: its quantities come off the step and every movement it caused is reversed
 * (components back to their layers at the value they left with, scrap and output back into work in
 * progress). Refused when a later step has already worked on the units, or the output has left.
 */
async function correctCompletion(
  tx: Tx,
  ctx: RequestContext,
  wo: WorkOrderRow,
  steps: StepRow[],
  index: number,
  input: StepEventInput,
) {
  const step = steps[index]!;
  if (!input.corrects)
    throw problem('validation_failed', '/corrects is required', {
      errors: [{ path: '/corrects', message: 'name the event to correct' }],
    });
  const original = await tx
    .selectFrom('work_order_events')
    .select(['id', 'action', 'seq', 'good_qty', 'scrap_qty', 'work_order_id', 'first_pass_good'])
    .where('tenant_id', '=', ctx.tenantId)
    .where('id', '=', input.corrects)
    .executeTakeFirst();
  if (
    !original ||
    original.work_order_id !== wo.id ||
    original.action !== 'complete' ||
    original.seq !== step.seq
  ) {
    throw problem('event_not_correctable', 'Name a completion of this step of this work order.');
  }
  const already = await tx
    .selectFrom('work_order_events')
    .select('id')
    .where('tenant_id', '=', ctx.tenantId)
    .where('corrects', '=', original.id)
    .executeTakeFirst();
  if (already) throw problem('already_corrected');
  const good = new Decimal(original.good_qty ?? 0);
  const scrap = new Decimal(original.scrap_qty ?? 0);
  const next = steps[index + 1];
  if (
    next &&
    new Decimal(step.good_qty).minus(good).lessThan(new Decimal(next.good_qty).plus(next.scrap_qty))
  ) {
    throw problem(
      'correction_blocked',
      `Step ${next.seq} has already handled units this completion passed on.`,
    );
  }
  const { id: eventId, createdAt } = await insertEvent(tx, ctx, wo, step, input, { good, scrap });
  await recordProductionStats(tx, {
    tenantId: ctx.tenantId,
    workCenterId: step.work_center_id,
    stepName: step.name,
    lastStep: index === steps.length - 1,
    userId: ctx.actor.userId,
    sign: -1,
    good,
    scrap,
    firstPassGood: new Decimal(original.first_pass_good ?? 0),
    stdMinutes: new Decimal(step.std_minutes_per_unit ?? 0).times(good.plus(scrap)),
  });

  const movements = await sql<{
    id: string;
    type: string;
    reason: string | null;
    item_id: string;
    sku: string;
    cost_method: 'fifo' | 'average';
    qty: string;
    value: string;
    unit_cost: string | null;
    from_id: string;
    from_code: string;
    from_kind: string;
    to_id: string;
    to_code: string;
    to_kind: string;
  }>`
    select m.id, m.type, m.reason, m.item_id, i.sku, i.cost_method, m.qty, m.value, m.unit_cost,
           f.id as from_id, f.code as from_code, f.kind as from_kind, t.id as to_id, t.code as to_code, t.kind as to_kind
    from movements m join items i on i.tenant_id = m.tenant_id and i.id = m.item_id
    join locations f on f.tenant_id = m.tenant_id and f.id = m.from_location_id
    join locations t on t.tenant_id = m.tenant_id and t.id = m.to_location_id
    where m.tenant_id = ${ctx.tenantId} and m.source_event_id = ${original.id}
    order by case m.type when 'output' then 0 when 'waste' then 1 else 2 end, m.id`.execute(tx);
  const pool = new WipPool(wo);
  const ids: string[] = [];
  let outputValue = new Decimal(0);
  let scrapValue = new Decimal(0);
  for (const m of movements.rows) {
    const value = new Decimal(m.value);
    const unitCost = m.unit_cost === null ? null : new Decimal(m.unit_cost);
    const fromInternal = m.from_kind === 'store' || m.from_kind === 'floor';
    const toInternal = m.to_kind === 'store' || m.to_kind === 'floor';
    const cost =
      fromInternal && !toInternal
        ? ({ kind: 'restore', originalId: m.id, value, unitCost } as const)
        : !fromInternal && toInternal
          ? ({ kind: 'undo', originalId: m.id, value, unitCost } as const)
          : ({ kind: 'fixed', value, unitCost } as const);
    const reversal = await bookMovement(tx, ctx, {
      type: m.type as 'consume' | 'output' | 'waste',
      item: { id: m.item_id, sku: m.sku, method: m.cost_method },
      lot: null,
      qty: new Decimal(m.qty),
      from: { id: m.to_id, code: m.to_code, internal: toInternal },
      to: { id: m.from_id, code: m.from_code, internal: fromInternal },
      cost,
      allowNegative: false,
      reversalOf: m.id,
      reason: m.reason ?? undefined,
      reference: wo.number,
      workOrderId: wo.id,
      sourceEventId: eventId,
    });
    ids.push(reversal.id);
    if (m.type === 'output') {
      pool.add(new Decimal(m.qty), value);
      outputValue = outputValue.plus(value);
    } else if (m.type === 'waste') {
      pool.add(new Decimal(m.qty), value);
      scrapValue = scrapValue.plus(value);
    } else {
      pool.value = pool.value.minus(value);
      await sql`update work_order_components set consumed_qty = consumed_qty - ${m.qty}::numeric, consumed_value = consumed_value - ${m.value}::numeric
        where tenant_id = ${ctx.tenantId} and work_order_id = ${wo.id} and item_id = ${m.item_id}`.execute(
        tx,
      );
    }
  }
  if (index === 0) pool.units = pool.units.minus(good.plus(scrap));
  await pool.save(tx, ctx.tenantId, wo.id);
  const last = index === steps.length - 1;
  // The corrected units are handled again; until then the next completions of them are rework.
  await sql`update work_order_steps set good_qty = good_qty - ${good.toFixed()}::numeric, scrap_qty = scrap_qty - ${scrap.toFixed()}::numeric,
      rework_pending = rework_pending + ${good.plus(scrap).toFixed()}::numeric
    where tenant_id = ${ctx.tenantId} and work_order_id = ${wo.id} and seq = ${step.seq}`.execute(tx);
  await sql`update work_orders set produced_qty = produced_qty - ${last ? good.toFixed() : '0'}::numeric,
      scrapped_qty = scrapped_qty - ${scrap.toFixed()}::numeric,
      output_value = output_value - ${outputValue.toFixed()}::numeric, scrap_value = scrap_value - ${scrapValue.toFixed()}::numeric,
      status = 'in_progress', completed_at = null
    where tenant_id = ${ctx.tenantId} and id = ${wo.id}`.execute(tx);
  return { eventId, createdAt, good, scrap, movementIds: ids };
}
