/**
 * The status view's validation layer (validation.ts) arrives in a chunk of its own,
 * requested when the view first renders, as the form does with its own
 * (report-form/load-validation.ts). Callers await it; a failed download is forgotten, so
 * the next call fetches again.
 */
type Validation = typeof import('./validation.js');

const importValidation = (): Promise<Validation> => import('./validation.js');
let validationImport = importValidation;
let loading: Promise<Validation> | undefined;

/** Tests only: how the validation layer is imported (held back, failing); no argument restores it. */
export function setValidationImportForTests(load: () => Promise<Validation> = importValidation): void {
  validationImport = load;
  loading = undefined;
}

export function loadValidation(): Promise<Validation> {
  return (loading ??= validationImport().catch((error: unknown) => {
    loading = undefined;
    throw error;
  }));
}
