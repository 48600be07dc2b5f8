/**
 * A part of an element that arrives in a chunk of its own (a view that needs data first,
 * a layer needed only on submit). `load()` starts the download or joins the one under
 * way; `loaded()` gives the module synchronously once it is in, so a render can use it
 * without waiting; a failed download is forgotten, so the next `load()` fetches again
 * (a chunk lost on a bad connection is not lost for good).
 */
export interface LazyModule<M> {
  load(): Promise<M>;
  loaded(): M | undefined;
  /** Tests only: how the module is imported (held back, failing); no argument restores it. */
  setImportForTests(importer?: () => Promise<M>): void;
}

export function lazyModule<M>(importer: () => Promise<M>): LazyModule<M> {
  let current = importer;
  let loaded: M | undefined;
  let loading: Promise<M> | undefined;
  return {
    load: () =>
      (loading ??= current().then(
        (mod) => (loaded = mod),
        (error: unknown) => {
          loading = undefined;
          throw error;
        },
      )),
    loaded: () => loaded,
    setImportForTests(next = importer) {
      current = next;
      loaded = undefined;
      loading = undefined;
    },
  };
}
