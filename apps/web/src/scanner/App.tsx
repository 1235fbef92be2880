// The scanner's routes, behind sign-in. A status strip on every screen says when the device is
// offline and how many scans wait to be sent (tap it to see them).
import { useEffect, useSyncExternalStore } from 'react';
import { Link, Navigate, Route, Routes } from 'react-router';
import type { Me } from '../api/types.ts';
import { useAccount } from '../shared/account.tsx';
import { ChangePassword } from '../shared/ChangePassword.tsx';
import { SignIn } from '../shared/SignIn.tsx';
import { allowedFlows } from './flows/flows.ts';
import { LookupFlow } from './flows/LookupFlow.tsx';
import { MovementFlow } from './flows/MovementFlow.tsx';
import { ProductionFlow } from './flows/ProductionFlow.tsx';
import { Home } from './Home.tsx';
import { setQueueOwner } from './offline/queue.ts';
import { startBackgroundSync } from './offline/sync.ts';
import { useQueue } from './offline/use-queue.ts';
import { Profile } from './Profile.tsx';
import { QueueScreen } from './QueueScreen.tsx';
import { preloadReferenceData } from './reference-data.ts';
import { refreshOfflineCatalog } from './scan/offline-catalog.ts';

function subscribeOnline(callback: () => void) {
  window.addEventListener('online', callback);
  window.addEventListener('offline', callback);
  return () => {
    window.removeEventListener('online', callback);
    window.removeEventListener('offline', callback);
  };
}

function StatusStrip() {
  const online = useSyncExternalStore(subscribeOnline, () => navigator.onLine);
  const queue = useQueue();
  return (
    <>
      {!online && (
        <div className="banner offline" role="status">
          Offline — scans are saved on this device
        </div>
      )}
      {queue.refused > 0 && (
        <Link className="banner refused" to="/queue" data-testid="refused-banner">
          {queue.refused} scan{queue.refused === 1 ? '' : 's'} refused — tap to fix
        </Link>
      )}
      {queue.pending > 0 && (
        <Link className="banner pending" to="/queue" data-testid="pending-banner">
          {queue.pending} scan{queue.pending === 1 ? '' : 's'} waiting to sync
        </Link>
      )}
    </>
  );
}

const FLOW_SCREENS: Record<string, () => React.JSX.Element> = {
  receive: () => <MovementFlow kind="receive" />,
  move: () => <MovementFlow kind="move" />,
  waste: () => <MovementFlow kind="waste" />,
  count: () => <MovementFlow kind="adjust" />,
  production: () => <ProductionFlow />,
  lookup: () => <LookupFlow />,
};

function SignedInApp({ me }: { me: Me }) {
  const { permissions } = me;
  useEffect(() => {
    setQueueOwner({ userId: me.id, name: me.name });
    const stop = startBackgroundSync();
    return () => {
      stop();
      setQueueOwner(null);
    };
  }, [me.id, me.name]);
  useEffect(() => {
    if (!navigator.onLine) return;
    void refreshOfflineCatalog().catch(() => undefined);
    void preloadReferenceData();
  }, []);
  return (
    <>
      <StatusStrip />
      <Routes>
        <Route path="/" element={<Home />} />
        {allowedFlows(permissions).map((flow) => {
          const Screen = FLOW_SCREENS[flow.path]!;
          return <Route key={flow.path} path={`/${flow.path}`} element={<Screen />} />;
        })}
        <Route path="/queue" element={<QueueScreen />} />
        <Route path="/profile" element={<Profile />} />
        <Route path="*" element={<Navigate to="/" replace />} />
      </Routes>
    </>
  );
}

export function ScannerApp() {
  const { state } = useAccount();
  if (state.status === 'starting') {
    return (
      <main className="screen" aria-busy="true">
        <p>Starting…</p>
      </main>
    );
  }
  if (state.status === 'signed-out') return <SignIn appName="OpsLedger Scanner" />;
  if (state.passwordChangeRequired) return <ChangePassword />;
  return <SignedInApp me={state.me} />;
}
