// Every page shows the same three states around its data: loading, failed (with a retry) and empty.
import type { ReactNode } from 'react';
import { messageOf } from '../problem.ts';

interface QueryStateProps {
  isPending: boolean;
  error: unknown;
  isEmpty?: boolean;
  empty?: ReactNode;
  onRetry?: () => void;
  children: ReactNode;
}

export function QueryState({ isPending, error, isEmpty, empty, onRetry, children }: QueryStateProps) {
  if (isPending)
    return (
      <p className="state state-loading" role="status" aria-live="polite">
        Loading…
      </p>
    );
  if (error)
    return (
      <div className="state state-error" role="alert">
        <p>Could not load: {messageOf(error)}</p>
        {onRetry && (
          <button type="button" onClick={onRetry}>
            Try again
          </button>
        )}
      </div>
    );
  if (isEmpty) return <div className="state state-empty">{empty ?? <p>Nothing here yet.</p>}</div>;
  return <>{children}</>;
}
