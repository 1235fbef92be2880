// Locations: where stock is. Internal `store` and `floor` locations (optionally nested:
// warehouse › zone › bin), each with a scannable code, and the virtual locations that stand for
// the outside world — created with every workspace and never deletable.
import { type Kysely, sql } from 'kysely';
import { newId } from '../../db/ids.ts';
import type { DB } from '../../db/schema.ts';
import { type Tx, withTenant } from '../../db/tenant.ts';
import { recordAudit } from '../../platform/audit/record.ts';
import { runCommand } from '../../platform/command.ts';
import type { RequestContext } from '../../platform/context.ts';
import { defineErrors, problem } from '../../platform/errors.ts';
import type { IdempotencyRequest } from '../../platform/idempotency.ts';

export const locationErrors = defineErrors({
  location_not_found: { status: 404, title: 'No such location' },
  location_code_taken: { status: 409, title: 'A location with this code already exists' },
  virtual_location_locked: { status: 409, title: 'Virtual locations cannot be changed or retired' },
  location_not_empty: { status: 409, title: 'The location still holds stock' },
  unknown_parent_location: { status: 422, title: 'The parent location does not exist' },
  location_cycle: { status: 422, title: 'A location cannot be inside itself' },
  unknown_location: { status: 422, title: 'No location has this code' },
  virtual_location: {
    status: 422,
    title: 'Stock cannot be taken from or counted at a virtual location this way',
  },
  location_inactive: { status: 422, title: 'The location is inactive' },
});

export const INTERNAL_KINDS = ['store', 'floor'] as const;
export type InternalKind = (typeof INTERNAL_KINDS)[number];
export const VIRTUAL_LOCATIONS = [
  { code: 'SUPPLIER', name: 'Suppliers', kind: 'supplier' },
  { code: 'CUSTOMER', name: 'Customers', kind: 'customer' },
  { code: 'PRODUCTION', name: 'Production', kind: 'production' },
  { code: 'SCRAP', name: 'Scrap', kind: 'scrap' },
  { code: 'ADJUSTMENT', name: 'Inventory adjustments', kind: 'adjustment' },
] as const;
export type VirtualCode = (typeof VIRTUAL_LOCATIONS)[number]['code'];

export function isInternalKind(kind: string): kind is InternalKind {
  return (INTERNAL_KINDS as readonly string[]).includes(kind);
}

export interface LocationByCode {
  id: string;
  code: string;
  kind: string;
  active: boolean;
}

/** Locations by code as a subquery (id, code, kind, active), for a posting's single resolving statement. */
export function locationsByCodeQuery(tenantId: string, codes: string[]) {
  return sql<LocationByCode>`select id, code, kind, active from locations
    where tenant_id = ${tenantId} and code = any(${codes}::text[])`;
}

/** A location found by code that stock may be kept at: it exists, is internal and active. */
export function requireInternal(
  loc: LocationByCode | undefined,
  code: string,
  field: string,
): { id: string; code: string } {
  if (!loc) throw problem('unknown_location', `No location has the code ${code}.`, { location: code });
  if (!isInternalKind(loc.kind)) {
    throw problem('virtual_location', `${code} is a virtual location.`, {
      errors: [{ path: `/${field}`, message: 'must be an internal location' }],
    });
  }
  if (!loc.active) throw problem('location_inactive', `${code} is inactive.`);
  return { id: loc.id, code: loc.code };
}

/** The internal location with this code; `field` names the request field it came from, for errors. */
export async function findInternalLocation(
  tx: Tx,
  tenantId: string,
  code: string,
  field: string,
): Promise<{ id: string; code: string }> {
  const r = await locationsByCodeQuery(tenantId, [code]).execute(tx);
  return requireInternal(r.rows[0], code, field);
}

export interface LocationView {
  id: string;
  code: string;
  name: string;
  kind: string;
  virtual: boolean;
  parentId: string | null;
  parent: string | null;
  path: string[];
  active: boolean;
}

/** Runs with every new workspace, inside its creating transaction. */
export async function setupVirtualLocations(tx: Tx, tenantId: string): Promise<void> {
  await tx
    .insertInto('locations')
    .values(
      VIRTUAL_LOCATIONS.map((v) => ({
        tenant_id: tenantId,
        id: newId(),
        code: v.code,
        name: v.name,
        kind: v.kind,
      })),
    )
    .execute();
}

export async function listLocations(tx: Tx, tenantId: string): Promise<LocationView[]> {
  const rows = await tx
    .selectFrom('locations')
    .select(['id', 'code', 'name', 'kind', 'parent_id', 'active'])
    .where('tenant_id', '=', tenantId)
    .orderBy('code')
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const pathOf = (id: string | null): string[] => {
    const path: string[] = [];
    const seen = new Set<string>();
    for (
      let cur = id ? byId.get(id) : undefined;
      cur && !seen.has(cur.id);
      cur = cur.parent_id ? byId.get(cur.parent_id) : undefined
    ) {
      seen.add(cur.id);
      path.unshift(cur.code);
    }
    return path;
  };
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    virtual: !isInternalKind(r.kind),
    parentId: r.parent_id,
    parent: r.parent_id ? (byId.get(r.parent_id)?.code ?? null) : null,
    path: pathOf(r.id),
    active: r.active,
  }));
}

async function mustFind(tx: Tx, tenantId: string, id: string): Promise<LocationView> {
  const found = (await listLocations(tx, tenantId)).find((l) => l.id === id);
  if (!found) throw problem('location_not_found');
  return found;
}

async function parentId(
  tx: Tx,
  tenantId: string,
  parentCode: string | null | undefined,
): Promise<string | null> {
  if (!parentCode) return null;
  const parent = await tx
    .selectFrom('locations')
    .select(['id', 'kind'])
    .where('tenant_id', '=', tenantId)
    .where('code', '=', parentCode)
    .executeTakeFirst();
  if (!parent || !isInternalKind(parent.kind))
    throw problem('unknown_parent_location', `No internal location ${parentCode}.`);
  return parent.id;
}

export async function createLocation(
  db: Kysely<DB>,
  ctx: RequestContext,
  input: { code: string; name: string; kind: InternalKind; parent?: string | undefined },
  idempotency: IdempotencyRequest | undefined,
) {
  const { result } = await runCommand(db, ctx, idempotency, async (tx) => {
    const id = newId();
    const inserted = await tx
      .insertInto('locations')
      .values({
        tenant_id: ctx.tenantId,
        id,
        code: input.code,
        name: input.name.trim(),
        kind: input.kind,
        parent_id: await parentId(tx, ctx.tenantId, input.parent),
      })
      .onConflict((oc) => oc.columns(['tenant_id', 'code']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) throw problem('location_code_taken');
    await recordAudit(tx, ctx, {
      action: 'location.create',
      entity: 'location',
      entityId: id,
      summary: { code: input.code, kind: input.kind },
    });
    return mustFind(tx, ctx.tenantId, id);
  });
  return result;
}

export async function getLocation(db: Kysely<DB>, ctx: RequestContext, id: string) {
  return withTenant(db, ctx.tenantId, (tx) => mustFind(tx, ctx.tenantId, id));
}

export async function updateLocation(
  db: Kysely<DB>,
  ctx: RequestContext,
  id: string,
  patch: { name?: string | undefined; parent?: string | null | undefined; active?: boolean | undefined },
) {
  const { result } = await runCommand(db, ctx, undefined, async (tx) => {
    const before = await mustFind(tx, ctx.tenantId, id);
    if (before.virtual) throw problem('virtual_location_locked');
    const set: { name?: string; parent_id?: string | null; active?: boolean } = {};
    if (patch.name !== undefined) set.name = patch.name.trim();
    if (patch.parent !== undefined) {
      set.parent_id = await parentId(tx, ctx.tenantId, patch.parent);
      const all = await listLocations(tx, ctx.tenantId);
      // Walk up from the new parent: meeting this location would make a loop.
      for (
        let cur = all.find((l) => l.id === set.parent_id);
        cur;
        cur = all.find((l) => l.id === cur?.parentId)
      ) {
        if (cur.id === id) throw problem('location_cycle');
      }
    }
    if (patch.active === false) {
      const stock = await tx
        .selectFrom('stock_balances')
        .select('qty')
        .where('tenant_id', '=', ctx.tenantId)
        .where('location_id', '=', id)
        .where('qty', '<>', '0')
        .limit(1)
        .executeTakeFirst();
      if (stock) throw problem('location_not_empty');
    }
    if (patch.active !== undefined) set.active = patch.active;
    await tx
      .updateTable('locations')
      .set(set)
      .where('tenant_id', '=', ctx.tenantId)
      .where('id', '=', id)
      .execute();
    await recordAudit(tx, ctx, {
      action: 'location.update',
      entity: 'location',
      entityId: id,
      summary: { fields: Object.keys(patch) },
    });
    return mustFind(tx, ctx.tenantId, id);
  });
  return result;
}
