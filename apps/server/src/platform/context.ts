// Who is acting, for which workspace, from where. Every service call takes one; it is what the
// audit trail records and what queries are scoped by.

export interface DeviceInfo {
  type?: string | undefined;
  os?: string | undefined;
  osVersion?: string | undefined;
  appVersion?: string | undefined;
}

export interface Actor {
  kind: 'user' | 'system' | 'cli';
  userId: string | null;
  sessionId: string | null;
  permissions: ReadonlySet<string>;
}

export interface RequestContext {
  tenantId: string;
  actor: Actor;
  requestId: string | null;
  ip: string | null;
  device: DeviceInfo | null;
  userAgent: string | null;
}

/** Context for work done by the CLI or the server itself, not by a signed-in person. */
export function systemContext(tenantId: string, kind: 'system' | 'cli' = 'system'): RequestContext {
  return {
    tenantId,
    actor: { kind, userId: null, sessionId: null, permissions: new Set() },
    requestId: null,
    ip: null,
    device: null,
    userAgent: null,
  };
}
