// The console's frame: a skip link, the workspace and the signed-in person with sign-out, and
// navigation listing only the sections this person's permissions open.
import type { ReactNode } from 'react';
import { NavLink } from 'react-router';
import { useMe } from './me-context.ts';
import { type Section, sectionsFor } from './navigation.ts';

export function ConsoleLayout({ onSignOut, children }: { onSignOut: () => void; children: ReactNode }) {
  const me = useMe();
  const allowed = sectionsFor(me.permissions);
  const groups = new Map<Section['group'], Section[]>();
  for (const section of allowed) groups.set(section.group, [...(groups.get(section.group) ?? []), section]);
  return (
    <div className="console">
      <a className="skip-link" href="#console-main">
        Skip to content
      </a>
      <header className="console-top">
        <span className="brand">OpsLedger</span>
        <span className="workspace" title={me.workspace.code}>
          {me.workspace.name}
        </span>
        <span className="spacer" />
        <span className="who">
          {me.name} <small>({me.roles.join(', ')})</small>
        </span>
        <button type="button" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <div className="console-body">
        <nav className="console-nav" aria-label="Console">
          {[...groups.entries()].map(([group, list]) => (
            <div key={group} className="nav-group">
              <h2>{group}</h2>
              <ul>
                {list.map((s) => (
                  <li key={s.path}>
                    <NavLink to={`/console/${s.path}`}>{s.label}</NavLink>
                  </li>
                ))}
              </ul>
            </div>
          ))}
          {allowed.length === 0 && <p>Your role opens nothing in the console. Use the scanner app.</p>}
        </nav>
        <main id="console-main" className="console-main" tabIndex={-1}>
          {children}
        </main>
      </div>
    </div>
  );
}
