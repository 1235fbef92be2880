// The access token lives only in this module's memory: never in localStorage, sessionStorage or
// IndexedDB, where any script on the page could read it later. A reload loses it; the refresh
// cookie (HttpOnly, set by the server) gets a new one.
let accessToken: string | null = null;

export function currentAccessToken(): string | null {
  return accessToken;
}

export function setAccessToken(token: string | null): void {
  accessToken = token;
}
