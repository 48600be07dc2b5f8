/** The package root: where dist/ (the built widget) and the page folders are found. */
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
