// Response schemas of the production API. Fastify serialises answers by them (a property missing
// here is dropped from the answer), so each lists exactly what the services send: quantities,
// minutes and values are decimal strings, codes are the human-readable codes (work center, location,
// SKU) and ids are UUIDs.
import { Type } from '@sinclair/typebox';
import { DateTime, DecimalText, Nullable, Page, Uuid, ValuationOnly } from '../../platform/http/schemas.ts';

/** Documents the values a text field takes; serialised as plain text (the services type it string). */
const OneOf = (values: string[]) => Type.String({ enum: values });

export const WorkCenterSchema = Type.Object({
  id: Uuid,
  code: Type.String(),
  name: Type.String(),
  location: Nullable(Type.String({ description: 'Code of the floor location that feeds it; null: none.' })),
  active: Type.Boolean(),
});

export const WorkCenterListSchema = Page(WorkCenterSchema);

export const ShiftsSchema = Type.Object(
  {
    data: Type.Array(
      Type.Object({
        weekday: Type.Integer({ minimum: 0, maximum: 6, description: '0 = Sunday' }),
        starts: Type.String({ description: 'HH:MM, local time' }),
        ends: Type.String({ description: 'HH:MM; earlier than starts: the shift runs overnight' }),
      }),
    ),
  },
  { description: "The work center's weekly shift calendar, by weekday and start." },
);

export const BomSchema = Type.Object(
  {
    id: Uuid,
    sku: Type.String(),
    itemId: Uuid,
    version: Type.Integer(),
    active: Type.Boolean(),
    outputQty: DecimalText,
    components: Type.Array(
      Type.Object({
        sku: Type.String(),
        itemId: Uuid,
        name: Type.String(),
        uom: Type.String(),
        qty: DecimalText,
        scrapAllowance: Type.String({ description: 'Percent more material planned for losses.' }),
      }),
    ),
    createdAt: DateTime,
  },
  { description: 'Components are per outputQty of the item; one version per item is active.' },
);

export const BomListSchema = Page(BomSchema);

export const RoutingSchema = Type.Object(
  {
    id: Uuid,
    sku: Type.String(),
    itemId: Uuid,
    version: Type.Integer(),
    active: Type.Boolean(),
    steps: Type.Array(
      Type.Object({
        seq: Type.Integer(),
        name: Type.String(),
        workCenter: Type.String({ description: 'Work center code.' }),
        workCenterId: Uuid,
        stdMinutesPerUnit: Nullable(DecimalText),
      }),
    ),
    createdAt: DateTime,
  },
  { description: 'Steps in order of seq; one version per item is active.' },
);

export const RoutingListSchema = Page(RoutingSchema);

const StepStatus = OneOf(['pending', 'running', 'paused', 'waiting', 'done', 'cancelled']);

/** A step of a work order with its progress. */
export const WorkOrderStepSchema = Type.Object({
  seq: Type.Integer(),
  name: Type.String(),
  workCenter: Type.String({ description: 'Work center code.' }),
  status: StepStatus,
  goodQty: DecimalText,
  scrapQty: DecimalText,
  wip: Type.String({ description: 'Units waiting before this step.' }),
  actualMinutes: DecimalText,
  standardMinutes: Nullable(Type.String({ description: 'Standard time for the units handled.' })),
  stdMinutesPerUnit: Nullable(DecimalText),
});

export const WorkOrderSchema = Type.Object(
  {
    id: Uuid,
    number: Type.String({ description: 'WO-000001, numbered per workspace.' }),
    sku: Type.String(),
    itemId: Uuid,
    itemName: Type.String(),
    qty: DecimalText,
    status: OneOf(['draft', 'released', 'in_progress', 'done', 'cancelled']),
    dueDate: Nullable(Type.String({ format: 'date' })),
    componentsFrom: Type.String({ description: 'Location code the components are taken from.' }),
    outputTo: Type.String({ description: 'Location code the output is received into.' }),
    bom: Nullable(Type.Object({ id: Uuid, version: Type.Integer() })),
    routing: Type.Object({ id: Uuid, version: Type.Integer() }),
    producedQty: DecimalText,
    scrappedQty: DecimalText,
    wipQty: DecimalText,
    wipValue: ValuationOnly,
    outputValue: ValuationOnly,
    scrapValue: ValuationOnly,
    steps: Type.Array(WorkOrderStepSchema),
    components: Type.Array(
      Type.Object({
        sku: Type.String(),
        name: Type.String(),
        uom: Type.String(),
        qtyPerUnit: Type.String({ description: 'Per unit of output, including planned scrap.' }),
        requiredQty: DecimalText,
        consumedQty: DecimalText,
        consumedValue: ValuationOnly,
      }),
    ),
    createdAt: DateTime,
    releasedAt: Nullable(DateTime),
    startedAt: Nullable(DateTime),
    completedAt: Nullable(DateTime),
    cancelledAt: Nullable(DateTime),
    // Optional although always sent: an Idempotency-Key replay answers what was stored when the order
    // was created, and an answer stored before this property existed lacks it. The serialiser refuses
    // an answer without a required property, so properties added to replayable answers are optional.
    cancelReason: Type.Optional(
      Nullable(
        Type.String({
          description: 'Why it was cancelled, as given when cancelling; null when no reason was given.',
        }),
      ),
    ),
  },
  {
    description:
      'A draft shows the steps of its routing and the components of its BOM; from release on, the frozen snapshot.',
  },
);

export const WorkOrderPageSchema = Page(WorkOrderSchema);

/** What every step event carries, as posted and as listed. */
const stepEventProperties = {
  id: Uuid,
  step: Type.Integer({ description: 'The step seq.' }),
  action: OneOf(['start', 'pause', 'resume', 'complete', 'correct']),
  goodQty: Nullable(DecimalText),
  scrapQty: Nullable(DecimalText),
  scrapReason: Nullable(Type.String()),
  reason: Nullable(Type.String({ description: 'Downtime reason of a pause.' })),
  corrects: Nullable(Type.String({ format: 'uuid', description: 'The completion a correction undoes.' })),
  workCenter: Type.String({ description: 'Work center code.' }),
  note: Nullable(Type.String()),
  scan: Nullable(Type.String({ description: 'The scanned text the event was posted with.' })),
  createdAt: DateTime,
  createdBy: Nullable(Uuid),
};

export const StepEventSchema = Type.Object({
  ...stepEventProperties,
  workOrderId: Uuid,
  workOrder: Type.String({ description: 'The work order number.' }),
  movements: Type.Array(Uuid, { description: 'Ids of the ledger movements the event booked.' }),
});

export const StepEventListSchema = Page(
  Type.Object({
    ...stepEventProperties,
    correctedBy: Nullable(Type.String({ format: 'uuid', description: 'The correction that undid it.' })),
  }),
);
