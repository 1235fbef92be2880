// The period a summary covers, in the workspace's time zone: whole local hours (from rounded down,
// to rounded up), split into whole local days (read from day rollups) and the hours around them
// (read from hour rollups). Computed by PostgreSQL so time-zone rules (DST, half-hour offsets)
// are the database's own.
import { sql } from 'kysely';
import type { Tx } from '../../db/tenant.ts';

export interface Period {
  timeZone: string;
  from: Date;
  to: Date;
  /** Whole local days inside the period: [firstDay, lastDay] as YYYY-MM-DD, or null when none. */
  days: { first: string; last: string; start: Date; end: Date } | null;
  bucket: 'hour' | 'day';
}

export async function resolvePeriod(
  tx: Tx,
  tenantId: string,
  input: { from?: string | undefined; to?: string | undefined; bucket?: 'hour' | 'day' | undefined },
): Promise<Period> {
  const r = await sql<{
    tz: string;
    from: Date;
    to: Date;
    first_day: string | null;
    last_day: string | null;
    day_start: Date | null;
    day_end: Date | null;
  }>`
    with z as (select coalesce(settings->>'timeZone', 'UTC') as tz from workspaces where id = ${tenantId}),
    p as (
      select z.tz,
        date_trunc('hour', coalesce(${input.from ?? null}::timestamptz,
          date_trunc('day', now() at time zone z.tz) at time zone z.tz) at time zone z.tz) at time zone z.tz as f,
        coalesce(${input.to ?? null}::timestamptz, now()) as t_raw
      from z
    ), q as (
      select tz, f,
        case when date_trunc('hour', t_raw at time zone tz) at time zone tz = t_raw then t_raw
             else (date_trunc('hour', t_raw at time zone tz) + interval '1 hour') at time zone tz end as t
      from p
    ), d as (
      select tz, f, t,
        case when date_trunc('day', f at time zone tz) = f at time zone tz then (f at time zone tz)::date
             else (f at time zone tz)::date + 1 end as first_day,
        (t at time zone tz)::date - 1 as last_day
      from q
    )
    select tz, f as "from", t as "to",
      case when first_day <= last_day then to_char(first_day, 'YYYY-MM-DD') end as first_day,
      case when first_day <= last_day then to_char(last_day, 'YYYY-MM-DD') end as last_day,
      case when first_day <= last_day then first_day::timestamp at time zone tz end as day_start,
      case when first_day <= last_day then (last_day + 1)::timestamp at time zone tz end as day_end
    from d`.execute(tx);
  const row = r.rows[0]!;
  const from = new Date(row.from);
  const to = new Date(row.to);
  const bucket = input.bucket ?? (to.getTime() - from.getTime() <= 48 * 3600_000 ? 'hour' : 'day');
  return {
    timeZone: row.tz,
    from,
    to,
    days:
      row.first_day && row.last_day
        ? {
            first: row.first_day,
            last: row.last_day,
            start: new Date(row.day_start!),
            end: new Date(row.day_end!),
          }
        : null,
    bucket,
  };
}
