/**
 * One SDK client per (gateway, site key, language) on a page. Elements share it, and with
 * it the SDK's single EventSource, so ten status views still make one connection.
 *
 * The client handed out is LAZY: the SDK (ky, zod, the contract's schemas) is not part of
 * the first download, so the form paints and takes typing before it has arrived. The
 * first call of any method — or `preloadSdk()`, which the form calls right after its
 * first render — imports `sdk/client.js`; every call awaits that one import and then
 * forwards to the real client. A failed import (a chunk lost on a bad connection) is
 * reported as a LaporNetworkError, so a submit goes to the outbox instead of failing, and
 * the next call imports again.
 */
import { msg } from '../../i18n/catalog.js';
import { normalizeLang } from '../../i18n/lang.js';
import { LaporNetworkError } from '../../sdk/errors/network-error.js';
import type { LaporClient, LaporClientOptions, Unsubscribe } from '../../sdk/types.js';

type SdkModule = typeof import('../../sdk/client.js');
/** The client's request methods: each loads the SDK on first use (watch and the clock are special). */
type ForwardedMethod = 'getConfig' | 'searchInstitutions' | 'searchLocations' | 'locate' | 'uploadAttachment' | 'submitReport' | 'getReport' | 'addFollowUp' | 'recoverAccessCode';

const importSdk = (): Promise<SdkModule> => import('../../sdk/client.js');
let sdkImport = importSdk;
let sdk: Promise<SdkModule> | undefined;

/** Start downloading the SDK (idempotent). Resolves when it is in; a failure is retried on the next call. */
export function preloadSdk(): Promise<SdkModule> {
  return (sdk ??= sdkImport().catch((error: unknown) => {
    sdk = undefined;
    throw error;
  }));
}

/** A LaporClient that loads the SDK on first use and forwards to the real one. */
function lazyClient(options: LaporClientOptions): LaporClient {
  // The same normalization as createLaporClient, so `api`/`lang` are right before it loads.
  const api = options.api.replace(/\/+$/, '');
  const lang = normalizeLang(options.lang);
  let real: LaporClient | undefined;

  async function load(): Promise<LaporClient> {
    if (real) return real;
    let mod: SdkModule;
    try {
      mod = await preloadSdk();
    } catch (cause) {
      throw new LaporNetworkError(msg(lang, 'error.network'), { request: { method: 'GET', url: api }, cause });
    }
    return (real ??= mod.createLaporClient(options));
  }

  /** The real client's method, once the SDK is in: every request method forwards alike. */
  const forward = <K extends ForwardedMethod>(name: K): LaporClient[K] =>
    (async (...args: unknown[]) => ((await load())[name] as (...a: unknown[]) => unknown)(...args)) as LaporClient[K];

  return {
    api,
    siteKey: options.siteKey,
    lang,
    getConfig: forward('getConfig'),
    searchInstitutions: forward('searchInstitutions'),
    searchLocations: forward('searchLocations'),
    locate: forward('locate'),
    uploadAttachment: forward('uploadAttachment'),
    submitReport: forward('submitReport'),
    getReport: forward('getReport'),
    addFollowUp: forward('addFollowUp'),
    recoverAccessCode: forward('recoverAccessCode'),

    watch(reports, onEvent, o) {
      if (real) return real.watch(reports, onEvent, o);
      // Not loaded yet: subscribe once it is (calls keep their order), and hand back an
      // unsubscribe that works before and after. The SDK does the same for its watch module.
      let stop: Unsubscribe | undefined;
      let cancelled = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      let failures = 0;
      const start = () => {
        load().then(
          (client) => {
            if (!cancelled) stop = client.watch(reports, onEvent, o);
          },
          () => {
            if (cancelled) return;
            o?.onState?.('offline');
            timer = setTimeout(start, Math.min(30_000, 1000 * 2 ** failures++));
          },
        );
      };
      start();
      return () => {
        cancelled = true;
        clearTimeout(timer);
        stop?.();
      };
    },

    // Before the first response there is no skew estimate: the device clock is the best guess.
    serverNow: () => Date.now() + (real?.clockOffsetMs ?? 0),

    get clockOffsetMs() {
      return real?.clockOffsetMs ?? 0;
    },
  };
}

const clients = new Map<string, LaporClient>();

export function clientFor(options: LaporClientOptions): LaporClient {
  const key = `${options.api}\u0000${options.siteKey ?? ''}\u0000${options.lang ?? ''}`;
  let client = clients.get(key);
  if (!client) clients.set(key, (client = lazyClient(options)));
  return client;
}

/** Tests only: how the SDK is imported (a slow or failing download); no argument restores it. */
export function setSdkImportForTests(load: () => Promise<SdkModule> = importSdk): void {
  sdkImport = load;
  sdk = undefined;
}

/** Tests only: forget every client (and so every shared connection). */
export function resetClients(): void {
  clients.clear();
}
