import { Type } from '@sinclair/typebox';
import { DateTime, Email, Name, Password, Phone, StrictObject, Uuid } from '../../platform/http/schemas.ts';

export const RoleKey = Type.String({ pattern: '^[a-z][a-z0-9_-]{1,39}$' });

export const UserSchema = Type.Object({
  id: Uuid,
  email: Type.String(),
  name: Type.String(),
  phone: Type.Union([Type.String(), Type.Null()]),
  status: Type.Union([Type.Literal('active'), Type.Literal('deactivated')]),
  roles: Type.Array(Type.String()),
  permissions: Type.Array(Type.String()),
  passwordChangeRequired: Type.Boolean(),
  mfaEnabled: Type.Boolean(),
  createdAt: DateTime,
  deactivatedAt: Type.Union([DateTime, Type.Null()]),
  activation: Type.Optional(Type.Object({ code: Type.String(), expiresAt: DateTime })),
});

export const CreateUserBody = StrictObject({
  email: Email,
  name: Name,
  roles: Type.Array(RoleKey, { maxItems: 20 }),
  password: Type.Optional(Password),
  phone: Type.Optional(Phone),
});

export const UpdateUserBody = StrictObject({
  email: Type.Optional(Email),
  name: Type.Optional(Name),
  phone: Type.Optional(Type.Union([Phone, Type.Null()])),
  roles: Type.Optional(Type.Array(RoleKey, { maxItems: 20 })),
});

export const ResetPasswordBody = StrictObject({ password: Type.Optional(Password) });
