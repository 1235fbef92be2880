// Modules that keep per-workspace defaults (built-in roles, virtual stock locations, …) register
// here; createWorkspace runs every hook inside the creating transaction, as the new workspace.
import type { Tx } from '../../db/tenant.ts';

export type WorkspaceSetup = (tx: Tx, tenantId: string) => Promise<void>;

const setups: WorkspaceSetup[] = [];

export function onWorkspaceCreated(setup: WorkspaceSetup): void {
  setups.push(setup);
}

export function workspaceSetups(): readonly WorkspaceSetup[] {
  return setups;
}
