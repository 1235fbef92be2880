import { defineErrors } from '../../platform/errors.ts';
import { definePermissions } from '../../platform/rbac/permissions.ts';

export const privacyPolicyPermissions = definePermissions({
  'privacy_policy.publish': { description: "Publish the workspace's privacy policy", roles: [] },
});

export const privacyPolicyErrors = defineErrors({
  privacy_policy_not_found: { status: 404, title: 'This workspace has not published a privacy policy' },
  privacy_policy_version_not_found: { status: 422, title: 'No such privacy policy version' },
});
