// What the accounts module holds about a person: the account itself, its roles, activation codes.
import { sql } from 'kysely';
import { definePersonalData, exportRows } from '../privacy/registry.ts';
import { anonymiseProfile, readProfile } from './profile.ts';

definePersonalData({
  module: 'users',
  tables: [
    {
      table: 'users',
      purpose: 'The account a person signs in with.',
      subject: [],
      personal: {
        name: { category: 'identity', description: 'full name' },
        email: { category: 'identity', description: 'sign-in email' },
        phone: { category: 'contact', description: 'phone number (optional)' },
        password_hash: {
          category: 'identity',
          description: 'argon2id hash of the password (never exported)',
        },
        totp_secret: { category: 'identity', description: 'two-factor secret (never exported)' },
        recovery_code_hashes: {
          category: 'identity',
          description: 'hashed MFA recovery codes (never exported)',
        },
        status: { category: 'employment', description: 'active or deactivated' },
        deactivated_at: { category: 'employment', description: 'when the account was deactivated' },
      },
      retention:
        'While the person works in the workspace; deactivated accounts are anonymised after the `deactivated_people` retention period.',
      visibleTo: 'the person; admins and managers (`users.read`)',
      onErasure:
        'name becomes "Former user xxxx", email a non-deliverable placeholder, phone and credentials are removed; the row stays so ledger rows keep a valid, pseudonymous owner id.',
    },
    {
      table: 'user_roles',
      purpose: 'The roles a person holds in the workspace.',
      subject: ['user_id'],
      personal: {},
      retention: 'While the account exists.',
      visibleTo: 'the person; admins and managers',
      onErasure: 'deleted',
    },
    {
      table: 'activation_codes',
      purpose: 'One-time codes (stored hashed) with which a new account sets its password.',
      subject: ['user_id'],
      personal: {},
      retention: '72 hours of validity; kept with the account.',
      visibleTo: 'nobody (hashes only)',
      onErasure: 'deleted',
    },
  ],
  async export(tx, subject) {
    const p = await readProfile(tx, subject);
    if (!p) return [];
    return [
      {
        name: 'profile',
        category: 'identity',
        description: 'Your account: name, email, phone, roles and status.',
        rows: exportRows([
          {
            id: p.id,
            email: p.email,
            name: p.name,
            phone: p.phone,
            status: p.status,
            roles: p.roles,
            mfaEnabled: p.mfaEnabled,
            createdAt: p.createdAt,
            deactivatedAt: p.deactivatedAt,
          },
        ]),
      },
    ];
  },
  async erase(tx, subject) {
    const roles =
      await sql`delete from user_roles where tenant_id = ${subject.tenantId} and user_id = ${subject.userId}`.execute(
        tx,
      );
    const codes =
      await sql`delete from activation_codes where tenant_id = ${subject.tenantId} and user_id = ${subject.userId}`.execute(
        tx,
      );
    return {
      users: await anonymiseProfile(tx, subject),
      user_roles: Number(roles.numAffectedRows ?? 0),
      activation_codes: Number(codes.numAffectedRows ?? 0),
    };
  },
});
