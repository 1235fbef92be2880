// Entry of the console page (/app/console/). Styles come as files from our own origin (CSP
// `style-src 'self'`): the shared theme for the sign-in screens, then the console's own.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../shared/theme.css';
import './console.css';
import { AccountProvider } from '../shared/account.tsx';
import { ConsoleApp } from './ConsoleApp.tsx';

const root = document.getElementById('root');
if (!root) throw new Error('no #root element');
createRoot(root).render(
  <StrictMode>
    <AccountProvider>
      <ConsoleApp />
    </AccountProvider>
  </StrictMode>,
);
