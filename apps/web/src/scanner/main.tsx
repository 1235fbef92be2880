// Entry point of the scanner PWA (/app/).
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { AccountProvider } from '../shared/account.tsx';
import '../shared/theme.css';
import { ScannerApp } from './App.tsx';

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } },
});

if ('serviceWorker' in navigator && import.meta.env.PROD) {
  void navigator.serviceWorker.register('/app/sw.js', { scope: '/app/' }).catch(() => undefined);
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <AccountProvider>
        <BrowserRouter basename="/app">
          <ScannerApp />
        </BrowserRouter>
      </AccountProvider>
    </QueryClientProvider>
  </StrictMode>,
);
