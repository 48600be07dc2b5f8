/**
 * The validation layer arrives in a chunk of its own, requested right after the form
 * first renders (`loadValidation()` in firstUpdated), so it is normally in by the time the
 * citizen leaves the first field. `loadedValidation()` gives it synchronously once it is,
 * so blur validation then behaves exactly as when it was bundled; before that, callers
 * await it. A failed download is forgotten, so the next call fetches again.
 */
type Validation = typeof import('./validation.js');

const importValidation = (): Promise<Validation> => import('./validation.js');
let validationImport = importValidation;
let loaded: Validation | undefined;
let loading: Promise<Validation> | undefined;

/** Tests only: how the validation layer is imported (held back, failing); no argument restores it. */
export function setValidationImportForTests(load: () => Promise<Validation> = importValidation): void {
  validationImport = load;
  loaded = undefined;
  loading = undefined;
}

export function loadedValidation(): Validation | undefined {
  return loaded;
}

export function loadValidation(): Promise<Validation> {
  return (loading ??= validationImport().then(
    (mod) => (loaded = mod),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  ));
}

/**
 * The screens once a report is sent (confirmation.ts), the same way: requested right after
 * the first render (beside the validation layer, but not needed to submit), given
 * synchronously once in, fetched again after a failed download.
 */
type Confirmation = typeof import('./confirmation.js');
let confirmationLoaded: Confirmation | undefined;
let confirmationLoading: Promise<Confirmation> | undefined;

export function loadedConfirmation(): Confirmation | undefined {
  return confirmationLoaded;
}

export function loadConfirmation(): Promise<Confirmation> {
  return (confirmationLoading ??= import('./confirmation.js').then(
    (mod) => (confirmationLoaded = mod),
    (error: unknown) => {
      confirmationLoading = undefined;
      throw error;
    },
  ));
}
