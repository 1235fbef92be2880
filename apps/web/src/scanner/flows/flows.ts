// The scanner's flows and the permission each needs. The home screen shows only the flows the
// signed-in person's permissions allow (from GET /api/v1/me); the server checks again on every call.
export interface FlowEntry {
  path: string;
  title: string;
  permission: string;
}

export const FLOWS: readonly FlowEntry[] = [
  { path: 'receive', title: 'Receive', permission: 'stock.receive' },
  { path: 'move', title: 'Move to floor', permission: 'stock.move' },
  { path: 'waste', title: 'Log waste', permission: 'stock.waste' },
  { path: 'count', title: 'Count', permission: 'stock.adjust' },
  { path: 'production', title: 'Production step', permission: 'production.record' },
  { path: 'lookup', title: 'Look up', permission: 'items.read' },
];

export function allowedFlows(permissions: readonly string[]): FlowEntry[] {
  return FLOWS.filter((flow) => permissions.includes(flow.permission));
}
