// The workspace's published privacy policy: versions are kept for ever (the table refuses updates);
// the current one is the newest already in effect. Publishing a material change tells everyone
// (announcements) and asks each person to acknowledge it; until they do, their apps show a notice.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Tx, withTenant } from '../../db/tenant.ts';
import { recordAudit } from '../../platform/audit/record.ts';
import { runCommand } from '../../platform/command.ts';
import type { RequestContext } from '../../platform/context.ts';
import { problem } from '../../platform/errors.ts';
import { notify } from '../notifications/notify.ts';
import { findWorkspaceByCode } from '../workspaces/service.ts';

export interface PolicyView {
  version: number;
  effectiveDate: string;
  text: string;
  material: boolean;
  publishedAt: string;
}

type PolicyRow = {
  version: number;
  effective_date: string;
  text: string;
  material: boolean;
  published_at: Date;
};

function toView(r: PolicyRow): PolicyView {
  return {
    version: r.version,
    effectiveDate: r.effective_date,
    text: r.text,
    material: r.material,
    publishedAt: new Date(r.published_at).toISOString(),
  };
}

function policies(tx: Tx, tenantId: string) {
  return tx
    .selectFrom('privacy_policies')
    .select([
      'version',
      sql<string>`to_char(effective_date, 'YYYY-MM-DD')`.as('effective_date'),
      'text',
      'material',
      'published_at',
    ])
    .where('tenant_id', '=', tenantId);
}

/** The newest version in effect today (or, before any is, the newest published) and what comes next. */
async function currentPolicy(tx: Tx, tenantId: string) {
  const inEffect = await policies(tx, tenantId)
    .where('effective_date', '<=', sql<string>`current_date`)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  const newest = await policies(tx, tenantId).orderBy('version', 'desc').limit(1).executeTakeFirst();
  const current = inEffect ?? newest;
  if (!current) return undefined;
  const upcoming = newest && newest.version !== current.version ? newest : undefined;
  return {
    ...toView(current),
    upcoming: upcoming ? { version: upcoming.version, effectiveDate: upcoming.effective_date } : null,
  };
}

export async function publishPolicy(
  db: Kysely<DB>,
  ctx: RequestContext,
  input: { text: string; effectiveDate: string; material: boolean },
): Promise<PolicyView> {
  const { result } = await runCommand(db, ctx, undefined, async (tx) => {
    // Versions are numbered per workspace; publishers queue here instead of colliding on the key.
    await sql`select pg_advisory_xact_lock(hashtextextended(${`privacy-policy:${ctx.tenantId}`}, 0))`.execute(
      tx,
    );
    const last = await tx
      .selectFrom('privacy_policies')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('tenant_id', '=', ctx.tenantId)
      .executeTakeFirst();
    const version = Number(last?.v ?? 0) + 1;
    await tx
      .insertInto('privacy_policies')
      .values({
        tenant_id: ctx.tenantId,
        version,
        text: input.text,
        effective_date: input.effectiveDate,
        material: input.material,
        published_by: ctx.actor.userId,
      })
      .execute();
    if (input.material) {
      const people = await tx
        .selectFrom('users')
        .select('id')
        .where('tenant_id', '=', ctx.tenantId)
        .where('status', '=', 'active')
        .execute();
      await notify(tx, {
        tenantId: ctx.tenantId,
        userIds: people.map((p) => p.id),
        category: 'announcements',
        kind: 'announcements.privacy_policy',
        title: 'Our privacy policy is changing',
        body: `A new version of the privacy policy (version ${version}) takes effect on ${input.effectiveDate}. Please read and acknowledge it in the app.`,
        data: { version, effectiveDate: input.effectiveDate },
      });
    }
    await recordAudit(tx, ctx, {
      action: 'privacy_policy.publish',
      entity: 'privacy_policy',
      entityId: String(version),
      summary: { version, effectiveDate: input.effectiveDate, material: input.material },
    });
    return toView((await policies(tx, ctx.tenantId).where('version', '=', version).executeTakeFirst())!);
  });
  return result;
}

export async function listPolicies(db: Kysely<DB>, ctx: RequestContext): Promise<PolicyView[]> {
  return withTenant(db, ctx.tenantId, async (tx) =>
    (await policies(tx, ctx.tenantId).orderBy('version', 'desc').execute()).map(toView),
  );
}

/** For anyone, signed in or not: the phone app shows it before login. */
export async function publicPolicy(db: Kysely<DB>, code: string) {
  const workspace = await findWorkspaceByCode(db, code);
  if (!workspace) throw problem('workspace_not_found');
  const current = await withTenant(db, workspace.id, (tx) => currentPolicy(tx, workspace.id));
  if (!current) throw problem('privacy_policy_not_found');
  return current;
}

export interface MyPolicyStatus {
  current: NonNullable<Awaited<ReturnType<typeof currentPolicy>>> | null;
  /** The newest version; what acknowledging means agreeing to have read. */
  latestVersion: number | null;
  acknowledgedVersion: number | null;
  /** A material change was published after the last version this person acknowledged. */
  acknowledgeRequired: boolean;
}

async function statusOf(tx: Tx, tenantId: string, userId: string): Promise<MyPolicyStatus> {
  const row = await sql<{ latest: number | null; latest_material: number | null; acked: number | null }>`
    select (select max(version) from privacy_policies where tenant_id = ${tenantId}) as latest,
           (select max(version) from privacy_policies where tenant_id = ${tenantId} and material) as latest_material,
           (select max(version) from privacy_policy_acknowledgements
             where tenant_id = ${tenantId} and user_id = ${userId}) as acked`.execute(tx);
  const { latest, latest_material, acked } = row.rows[0]!;
  return {
    current: (await currentPolicy(tx, tenantId)) ?? null,
    latestVersion: latest === null ? null : Number(latest),
    acknowledgedVersion: acked === null ? null : Number(acked),
    acknowledgeRequired:
      latest_material !== null && (acked === null || Number(acked) < Number(latest_material)),
  };
}

export async function myPolicyStatus(db: Kysely<DB>, ctx: RequestContext): Promise<MyPolicyStatus> {
  return withTenant(db, ctx.tenantId, (tx) => statusOf(tx, ctx.tenantId, ctx.actor.userId!));
}

export async function acknowledgePolicy(
  db: Kysely<DB>,
  ctx: RequestContext,
  version: number,
): Promise<MyPolicyStatus> {
  const { result } = await runCommand(db, ctx, undefined, async (tx) => {
    const exists = await tx
      .selectFrom('privacy_policies')
      .select('version')
      .where('tenant_id', '=', ctx.tenantId)
      .where('version', '=', version)
      .executeTakeFirst();
    if (!exists) throw problem('privacy_policy_version_not_found');
    await tx
      .insertInto('privacy_policy_acknowledgements')
      .values({ tenant_id: ctx.tenantId, user_id: ctx.actor.userId!, version })
      .onConflict((oc) => oc.doNothing())
      .execute();
    await recordAudit(tx, ctx, {
      action: 'privacy_policy.acknowledge',
      entity: 'privacy_policy',
      entityId: String(version),
      summary: { version },
    });
    return statusOf(tx, ctx.tenantId, ctx.actor.userId!);
  });
  return result;
}
