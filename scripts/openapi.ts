/** `npm run openapi`: writes docs/openapi.json from the contract. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderOpenApi } from './openapi-document.js';

const out = resolve(dirname(fileURLToPath(import.meta.url)), '../docs/openapi.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, renderOpenApi());
console.log(`wrote ${out}`);
