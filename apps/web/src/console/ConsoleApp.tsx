// The back-office console: shared sign-in (workspace code, email, password; refresh token in an
// HttpOnly cookie, access token in memory), then the sections the signed-in person may use. Routes
// a person's role does not open are not offered, and typing their address shows "no access".
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useEffect, useState } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { authorizedFetch } from '../api/client.ts';
import { useAccount } from '../shared/account.tsx';
import { ChangePassword } from '../shared/ChangePassword.tsx';
import { SignIn } from '../shared/SignIn.tsx';
import { ConsoleLayout } from './ConsoleLayout.tsx';
import { ConsoleApi, ConsoleApiContext } from './console-api.ts';
import { MeContext, useCan } from './me-context.ts';
import { sectionsFor } from './navigation.ts';
import { AuditPage } from './pages/AuditPage.tsx';
import { BomsPage } from './pages/BomsPage.tsx';
import { DashboardPage } from './pages/DashboardPage.tsx';
import { ItemDetailPage } from './pages/ItemDetailPage.tsx';
import { ItemsPage } from './pages/ItemsPage.tsx';
import { LedgerPage } from './pages/LedgerPage.tsx';
import { LocationsPage } from './pages/LocationsPage.tsx';
import { RolesPage } from './pages/RolesPage.tsx';
import { RoutingsPage } from './pages/RoutingsPage.tsx';
import { SettingsPage } from './pages/SettingsPage.tsx';
import { StockPage } from './pages/StockPage.tsx';
import { UserDetailPage } from './pages/UserDetailPage.tsx';
import { UsersPage } from './pages/UsersPage.tsx';
import { ValuationPage } from './pages/ValuationPage.tsx';
import { WorkCentersPage } from './pages/WorkCentersPage.tsx';
import { WorkOrderDetailPage } from './pages/WorkOrderDetailPage.tsx';
import { WorkOrdersPage } from './pages/WorkOrdersPage.tsx';
import type { Me } from './types.ts';

const consoleApi = new ConsoleApi((path, init) => authorizedFetch(new Request(path, init)));

function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Data changes on the floor all the time: a page opened again refetches (showing what it had
        // meanwhile), so a list never stays as it was when last seen.
        staleTime: 0,
        // A refusal (4xx) will not change on retry; a dropped connection might.
        retry: (count, error) =>
          count < 2 && !(error instanceof Error && 'status' in error && Number(error.status) >= 400),
      },
    },
  });
}

function Guard({ permission, children }: { permission: string; children: ReactNode }) {
  const allowed = useCan(permission);
  if (!allowed)
    return (
      <div className="state state-error" role="alert">
        <h1>No access</h1>
        <p>Your role does not include this part of the console.</p>
      </div>
    );
  return <>{children}</>;
}

function ConsoleRoutes({ me }: { me: Me }) {
  const first = sectionsFor(me.permissions)[0];
  return (
    <Routes>
      <Route index element={first ? <Navigate to={`/console/${first.path}`} replace /> : null} />
      <Route
        path="dashboard"
        element={
          <Guard permission="stats.read">
            <DashboardPage />
          </Guard>
        }
      />
      <Route
        path="users"
        element={
          <Guard permission="users.read">
            <UsersPage />
          </Guard>
        }
      />
      <Route
        path="users/:id"
        element={
          <Guard permission="users.read">
            <UserDetailPage />
          </Guard>
        }
      />
      <Route
        path="roles"
        element={
          <Guard permission="users.read">
            <RolesPage />
          </Guard>
        }
      />
      <Route
        path="items"
        element={
          <Guard permission="items.read">
            <ItemsPage />
          </Guard>
        }
      />
      <Route
        path="items/:id"
        element={
          <Guard permission="items.read">
            <ItemDetailPage />
          </Guard>
        }
      />
      <Route
        path="locations"
        element={
          <Guard permission="locations.read">
            <LocationsPage />
          </Guard>
        }
      />
      <Route
        path="stock"
        element={
          <Guard permission="stock.read">
            <StockPage />
          </Guard>
        }
      />
      <Route
        path="ledger"
        element={
          <Guard permission="stock.read">
            <LedgerPage />
          </Guard>
        }
      />
      <Route
        path="valuation"
        element={
          <Guard permission="valuation.read">
            <ValuationPage />
          </Guard>
        }
      />
      <Route
        path="work-orders"
        element={
          <Guard permission="production.read">
            <WorkOrdersPage />
          </Guard>
        }
      />
      <Route
        path="work-orders/:id"
        element={
          <Guard permission="production.read">
            <WorkOrderDetailPage />
          </Guard>
        }
      />
      <Route
        path="boms"
        element={
          <Guard permission="production.read">
            <BomsPage />
          </Guard>
        }
      />
      <Route
        path="routings"
        element={
          <Guard permission="production.read">
            <RoutingsPage />
          </Guard>
        }
      />
      <Route
        path="work-centers"
        element={
          <Guard permission="production.read">
            <WorkCentersPage />
          </Guard>
        }
      />
      <Route
        path="audit"
        element={
          <Guard permission="audit.read">
            <AuditPage />
          </Guard>
        }
      />
      <Route
        path="settings"
        element={
          <Guard permission="workspace.read">
            <SettingsPage />
          </Guard>
        }
      />
      <Route path="*" element={<p className="state">No such page.</p>} />
    </Routes>
  );
}

function SignedInConsole({ me }: { me: Me }) {
  const account = useAccount();
  // Keyed by the person (see ConsoleGate): a fresh cache each, so nothing one person loaded is
  // shown to the next on this browser.
  const [queryClient] = useState(makeQueryClient);
  useEffect(() => {
    consoleApi.onSessionEnded = () => {
      queryClient.clear();
      void account.signOut();
    };
    return () => {
      consoleApi.onSessionEnded = undefined;
    };
  }, [account, queryClient]);
  return (
    <MeContext.Provider value={me}>
      <QueryClientProvider client={queryClient}>
        <ConsoleLayout
          onSignOut={() => {
            queryClient.clear();
            void account.signOut();
          }}
        >
          <ConsoleRoutes me={me} />
        </ConsoleLayout>
      </QueryClientProvider>
    </MeContext.Provider>
  );
}

function ConsoleGate() {
  const account = useAccount();
  const { state } = account;
  if (state.status === 'starting')
    return (
      <p className="state state-loading" role="status">
        Loading…
      </p>
    );
  if (state.status === 'signed-out') return <SignIn appName="OpsLedger Console" />;
  if (state.passwordChangeRequired) return <ChangePassword />;
  return <SignedInConsole key={state.me.id} me={state.me as Me} />;
}

export function ConsoleApp() {
  return (
    <ConsoleApiContext.Provider value={consoleApi}>
      <BrowserRouter basename="/app">
        <Routes>
          <Route path="console/*" element={<ConsoleGate />} />
          <Route path="*" element={<Navigate to="/console" replace />} />
        </Routes>
      </BrowserRouter>
    </ConsoleApiContext.Provider>
  );
}
