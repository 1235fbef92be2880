// The statistics summary as GET /stats/summary answers it (statsSummary in ./summary.ts). Fastify
// serialises the answer by this schema and drops anything not listed, so it names every property.
// Quantities, money, minutes and ratios are decimal strings; counts are integers. Properties marked
// "valuation.read" are left out for readers without that permission.
import { Type } from '@sinclair/typebox';
import { DateTime, DecimalText, Nullable, ValuationOnly } from '../../platform/http/schemas.ts';

const Ratio = Nullable(Type.String(), {
  description: 'A ratio to 4 decimal places as text; null when its denominator is zero.',
});
const Bucket = Type.String({
  description: 'The start of the hour or day (local to the workspace), in ISO 8601, UTC, with milliseconds.',
});

const MovementTotals = Type.Object({ count: Type.Integer(), qty: DecimalText, value: ValuationOnly });

// The two series are written by PostgreSQL in their final form (json_agg in statsSummary) and the
// server passes the entries through untouched. The driver hands them over as parsed objects (the
// json type is parsed by pg and by PGlite alike), not as pre-serialised text, so these schemas do
// serialise them: each lists exactly the columns PostgreSQL writes, in the same order, with the same
// types (bucket and quantities as text, count as a number), so the answer on the wire is unchanged.
const SeriesEntry = Type.Object({
  bucket: Bucket,
  type: Type.String(),
  count: Type.Integer({ description: 'Movements booked (a reversal counts −1).' }),
  qty: DecimalText,
});
const ProductionSeriesEntry = Type.Object({
  bucket: Bucket,
  good: Type.String({ description: 'Good output of last steps.' }),
  scrap: Type.String({ description: 'Scrap at every step.' }),
});

export const StatsSummarySchema = Type.Object({
  period: Type.Object({
    from: DateTime,
    to: DateTime,
    timeZone: Type.String(),
    bucket: Type.String({ description: 'hour or day: the buckets of the series.' }),
  }),
  movements: Type.Record(Type.String(), MovementTotals, { description: 'Totals per movement type.' }),
  waste: Type.Object({
    qty: DecimalText,
    value: ValuationOnly,
    rate: Type.Union([Type.String(), Type.Null()], {
      description:
        'Waste ÷ received over the period: by value with valuation.read, else by quantity; null when nothing was received.',
    }),
    byReason: Type.Array(
      Type.Object({ reason: Type.String(), count: Type.Integer(), qty: DecimalText, value: ValuationOnly }),
    ),
  }),
  production: Type.Object({
    steps: Type.Array(
      Type.Object({
        workCenter: Type.String(),
        step: Type.String(),
        completions: Type.Integer(),
        good: DecimalText,
        scrap: DecimalText,
        yield: Ratio,
        firstPassYield: Ratio,
      }),
    ),
    output: DecimalText,
    throughputPerHour: DecimalText,
    wip: Type.Array(Type.Object({ workCenter: Type.String(), step: Type.String(), qty: DecimalText })),
    downtime: Type.Array(Type.Object({ reason: Type.String(), stops: Type.Integer(), minutes: DecimalText })),
    oee: Type.Array(
      Type.Object({
        workCenterId: Type.String(),
        workCenter: Type.Union([Type.String(), Type.Null()], {
          description: 'null when the work center had planned time but no production in the period.',
        }),
        plannedMinutes: DecimalText,
        downtimeMinutes: DecimalText,
        availability: Ratio,
        performance: Ratio,
        quality: Ratio,
        oee: Ratio,
      }),
    ),
    series: Type.Array(ProductionSeriesEntry),
  }),
  series: Type.Array(SeriesEntry),
  operators: Type.Array(
    Type.Object({
      userId: Type.String(),
      name: Type.Union([Type.String(), Type.Null()]),
      movements: Type.Integer(),
      completions: Type.Integer(),
    }),
  ),
});
