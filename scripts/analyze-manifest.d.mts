/** custom-elements.json as `npm run build` would write it (see analyze-manifest.mjs). */
export function analyzeManifest(): {
  modules: { path: string; declarations?: Record<string, unknown>[]; exports?: Record<string, unknown>[] }[];
};
