// Finding the backend: the workspace code an operator types resolves through
// GET /api/v1/workspaces/{code}. A workspace hosted by another OpsLedger deployment is opened in
// that deployment's own app, so tokens, cookies and the CSP all stay same-origin.
import { ApiError, NetworkError, problemOf } from '../api/problem.ts';
import type { WorkspaceInfo } from '../api/types.ts';

const REMEMBERED = 'opsledger.workspace';

/** The remembered workspace (code and display name only: nothing secret, kept across sign-outs). */
export function rememberedWorkspace(): { code: string; name: string } | null {
  try {
    const raw = localStorage.getItem(REMEMBERED);
    return raw ? (JSON.parse(raw) as { code: string; name: string }) : null;
  } catch {
    return null;
  }
}

export function rememberWorkspace(workspace: { code: string; name: string } | null): void {
  if (workspace)
    localStorage.setItem(REMEMBERED, JSON.stringify({ code: workspace.code, name: workspace.name }));
  else localStorage.removeItem(REMEMBERED);
}

export async function discoverWorkspace(code: string): Promise<WorkspaceInfo> {
  let response: Response;
  try {
    response = await fetch(`/api/v1/workspaces/${encodeURIComponent(code.trim())}`);
  } catch (error) {
    throw new NetworkError(error);
  }
  if (!response.ok) throw await problemOf(response);
  return (await response.json()) as WorkspaceInfo;
}

/** The origin of the workspace's backend when it is not this one, else null. */
export function foreignOrigin(
  workspace: WorkspaceInfo,
  here: string = window.location.origin,
): string | null {
  try {
    const origin = new URL(workspace.apiBaseUrl, here).origin;
    return origin === here ? null : origin;
  } catch {
    return null;
  }
}

export { ApiError };
