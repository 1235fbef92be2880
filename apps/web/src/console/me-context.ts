// Who is signed in and what they may do, read once from GET /api/v1/me when the console opens.
// Pages ask `useCan('users.manage')` to decide what to offer; the server enforces it regardless.
import { createContext, useContext } from 'react';
import type { Me } from './types.ts';

export const MeContext = createContext<Me | null>(null);

export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe outside the console');
  return me;
}

export function useCan(permission: string): boolean {
  return useMe().permissions.includes(permission);
}
