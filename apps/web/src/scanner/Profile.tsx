// Profile → Sign out. Signing out removes everything this app keeps on the device; if scans are
// still waiting to be sent, the operator is told how many would be lost before anything happens.
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useAccount } from '../shared/account.tsx';
import { ConfirmDialog, Facts, Screen } from '../shared/ui.tsx';
import { forgetQueue } from './offline/queue.ts';
import { useQueue } from './offline/use-queue.ts';

export function Profile() {
  const account = useAccount();
  const queue = useQueue();
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  if (account.state.status !== 'signed-in') return null;
  const { me } = account.state;
  const unsynced = queue.pending + queue.refused;

  async function signOut() {
    setBusy(true);
    await account.signOut();
    forgetQueue();
    navigate('/', { replace: true });
  }

  return (
    <Screen title="Profile" back="/">
      <Facts
        rows={[
          ['Name', me.name],
          ['Email', me.email],
          ['Workspace', `${me.workspace.name} (${me.workspace.code})`],
          ['Roles', me.roles.join(', ')],
          ['Unsynced scans', String(unsynced)],
        ]}
      />
      <div className="spacer" />
      <button
        type="button"
        className="button primary danger"
        disabled={busy}
        onClick={() => (unsynced > 0 ? setConfirming(true) : void signOut())}
      >
        Sign out
      </button>
      {confirming && (
        <ConfirmDialog
          title={`${unsynced} unsynced scan${unsynced === 1 ? '' : 's'} will be lost`}
          confirmLabel="Sign out and lose them"
          danger
          onConfirm={() => void signOut()}
          onCancel={() => setConfirming(false)}
        >
          <p>
            These scans have not reached the server. Sync them first (Unsynced scans → Sync now) to keep them.
          </p>
        </ConfirmDialog>
      )}
    </Screen>
  );
}
