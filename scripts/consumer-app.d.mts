/** See consumer-app.mjs. */
export const REPO: string;
export function packTarball(): { tarball: string; dir: string; packed: { size: number; unpackedSize: number; entryCount: number; files: { path: string; size: number }[] } };
export function makeApp(name: string, tarball: string, options?: { deps?: string[]; files?: Record<string, string>; type?: string }): { dir: string; remove(): void };
export function repoVersion(name: string): string;
