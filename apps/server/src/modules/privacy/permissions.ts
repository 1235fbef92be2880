import { definePermissions } from '../../platform/rbac/permissions.ts';

// Admin-only by default: each of these reads or removes everything about a person.
export const privacyPermissions = definePermissions({
  'privacy.export_any': { description: "Export any person's data (subject-access requests)", roles: [] },
  'privacy.erase': { description: 'Erase a person (anonymise their personal data)', roles: [] },
  'privacy.legal_hold': { description: 'Set and lift legal holds that block erasure', roles: [] },
  'privacy.corrections': { description: "Decide people's correction requests", roles: [] },
  'privacy.retention': { description: 'See and change retention policies and run retention', roles: [] },
});
