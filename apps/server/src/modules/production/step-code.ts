// What a traveler's step QR means: the work order and step it names, with the step's progress.
import type { Tx } from '../../db/tenant.ts';
import type { RequestContext } from '../../platform/context.ts';
import { STEP_CODE } from '../labels/render.ts';
import { findWorkOrders } from './work-order-view.ts';

export async function resolveStepCode(tx: Tx, ctx: RequestContext, code: string) {
  const match = STEP_CODE.exec(code);
  if (!match) return undefined;
  const [wo] = await findWorkOrders(
    tx,
    { tenantId: ctx.tenantId, number: match[1]!, limit: 1 },
    ctx.actor.permissions.has('valuation.read'),
  );
  const step = wo?.steps.find((s) => s.seq === Number(match[2]));
  if (!wo || !step) return undefined;
  return {
    kind: 'work_order' as const,
    code,
    workOrder: {
      id: wo.id,
      number: wo.number,
      sku: wo.sku,
      itemName: wo.itemName,
      qty: wo.qty,
      status: wo.status,
    },
    step,
  };
}
