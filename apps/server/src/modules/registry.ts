// The modules that make up OpsLedger, in one place: importing this loads every module's
// permissions into the registry (so built-in roles are complete wherever a role is resolved) and
// lists what each module sets up in a new workspace.
import type { Tx } from '../db/tenant.ts';
import './items/permissions.ts';
import './production/errors.ts';
import './stock/errors.ts';
import './stock/costing.ts';
import './locations/permissions.ts';
import './production/permissions.ts';
import './stats/permissions.ts';
import './notifications/permissions.ts';
import './privacy-policy/permissions.ts';
import { setupDataKey } from '../platform/crypto/setup.ts';
import { setupVirtualLocations } from './locations/service.ts';
// Personal-data declarations (see privacy/registry.ts): export, erasure, the catalog lint and
// docs/privacy.md read them.
import './audit/personal-data.ts';
import './auth/personal-data.ts';
import './items/personal-data.ts';
import './locations/personal-data.ts';
import './notifications/personal-data.ts';
import './privacy/personal-data.ts';
import './privacy/permissions.ts';
import './privacy/errors.ts';
import './privacy-policy/personal-data.ts';
import './production/personal-data.ts';
import './reasons/personal-data.ts';
import './roles/personal-data.ts';
import './stats/personal-data.ts';
import './stock/personal-data.ts';
import './system/personal-data.ts';
import './users/personal-data.ts';
import './workspaces/personal-data.ts';
import './stock/permissions.ts';
import { setupReasons } from './reasons/service.ts';

export type WorkspaceSetup = (tx: Tx, tenantId: string) => Promise<void>;

/** Run in order inside the transaction that creates a workspace. */
export const WORKSPACE_SETUPS: readonly WorkspaceSetup[] = [
  setupVirtualLocations,
  setupReasons,
  setupDataKey,
];
