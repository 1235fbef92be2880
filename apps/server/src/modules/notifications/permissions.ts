import { definePermissions } from '../../platform/rbac/permissions.ts';

export const notificationPermissions = definePermissions({
  'notifications.outbox': {
    description: 'Read the email outbox (mail waiting to be sent, sent or skipped)',
    roles: [],
  },
});
