/**
 * The admin's sign-in, per gateway and per browser tab: `sessionStorage` only, so the
 * token dies with the tab and is never written to a URL, a cookie or `localStorage`.
 * Also remembers which reports this admin acted on in the session (the "mine" filter).
 */
const key = (api: string, what: 'token' | 'mine') => `lapor-admin:${what}:${api}`;

/** sessionStorage can throw (disabled storage, sandboxed frame): then nothing is kept. */
function storage(): Storage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined;
  }
}

export function readToken(api: string): string | undefined {
  try {
    return storage()?.getItem(key(api, 'token')) ?? undefined;
  } catch {
    return undefined;
  }
}

export function saveToken(api: string, token: string): void {
  try {
    storage()?.setItem(key(api, 'token'), token);
  } catch {
    /* kept in memory only, for this page */
  }
}

export function clearSession(api: string): void {
  try {
    storage()?.removeItem(key(api, 'token'));
    storage()?.removeItem(key(api, 'mine'));
  } catch {
    /* nothing was kept */
  }
}

export function readMine(api: string): Set<string> {
  try {
    const raw = storage()?.getItem(key(api, 'mine'));
    const list = raw ? (JSON.parse(raw) as unknown) : [];
    return new Set(Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : []);
  } catch {
    return new Set();
  }
}

export function saveMine(api: string, mine: ReadonlySet<string>): void {
  try {
    storage()?.setItem(key(api, 'mine'), JSON.stringify([...mine]));
  } catch {
    /* the filter still works for this page */
  }
}
