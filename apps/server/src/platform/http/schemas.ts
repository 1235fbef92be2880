// Schema pieces shared by every module's routes. Bodies are strict (additionalProperties: false)
// and bounded, so unexpected or oversized input is refused before any handler runs.
import { type SchemaOptions, type TObject, type TProperties, type TSchema, Type } from '@sinclair/typebox';

export function StrictObject<T extends TProperties>(
  properties: T,
  options: { description?: string } = {},
): TObject<T> {
  return Type.Object(properties, { additionalProperties: false, ...options });
}

export const Uuid = Type.String({ format: 'uuid' });
export const IdParams = StrictObject({ id: Uuid });
export const Email = Type.String({ format: 'email', minLength: 3, maxLength: 254 });
export const Name = Type.String({ minLength: 1, maxLength: 200 });
export const Password = Type.String({ minLength: 1, maxLength: 1024 });
export const Phone = Type.String({ minLength: 3, maxLength: 40, pattern: '^[0-9+()\\-. ]+$' });
export const DateTime = Type.String({ format: 'date-time' });
/** The schema, or null. */
export const Nullable = <T extends TSchema>(schema: T, options?: SchemaOptions) =>
  Type.Union([schema, Type.Null()], options);
/** A decimal number as text ("12.5"): quantities, money and minutes throughout the API. */
export const DecimalText = Type.String({ description: 'A decimal number as text.' });
/** A value (money) in an answer, present only for readers with the valuation.read permission. */
export const ValuationOnly = Type.Optional(
  Type.String({ description: 'Value (money); only with the valuation.read permission.' }),
);
/** The success answer of a route that answers 204 with no body. */
export const NoContent = Type.Null({ description: 'No content' });

export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String(),
    errors: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
  },
  { $id: 'Problem' },
);

export function Page<T extends TObject>(item: T) {
  return Type.Object({ data: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });
}

export const DeviceSchema = StrictObject({
  type: Type.Optional(Type.String({ maxLength: 40 })),
  os: Type.Optional(Type.String({ maxLength: 40 })),
  osVersion: Type.Optional(Type.String({ maxLength: 40 })),
  appVersion: Type.Optional(Type.String({ maxLength: 40 })),
});
