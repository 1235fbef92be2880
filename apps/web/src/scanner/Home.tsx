// The start screen: one big tile per flow this person may use, nothing else to get in the way.
import { Link } from 'react-router';
import { useAccount } from '../shared/account.tsx';
import { Screen } from '../shared/ui.tsx';
import { allowedFlows } from './flows/flows.ts';

export function Home() {
  const { state } = useAccount();
  if (state.status !== 'signed-in') return null;
  const flows = allowedFlows(state.me.permissions);
  return (
    <Screen
      title={state.me.workspace.name}
      actions={
        <Link className="button ghost" to="/profile" aria-label="Profile">
          {state.me.name.split(' ')[0] ?? 'Profile'}
        </Link>
      }
    >
      {flows.length === 0 ? (
        <p className="card warn">Your role has no scanning tasks. Ask an admin if this is wrong.</p>
      ) : (
        <nav className="tiles" aria-label="Tasks">
          {flows.map((flow) => (
            <Link key={flow.path} className="tile" to={`/${flow.path}`}>
              {flow.title}
            </Link>
          ))}
        </nav>
      )}
    </Screen>
  );
}
