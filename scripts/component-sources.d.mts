/** See component-sources.mjs. */
export function ownSources(tag: string): string[];
export function templateSources(tag: string): string[];
export function codeOf(file: string): string;
