/**
 * Access codes must never leave the SDK inside an error: errors get logged, sent to
 * error trackers, shown in consoles. Everything an error carries goes through here.
 */
const MARK = '[REDACTED]';
/** Keys whose values are secrets wherever they appear in a body or in request info. */
const SECRET_KEYS = /^(accesstoken|access_token|authorization|token|ticket|x-lapor-admin-token)$/i;
const BEARER = /(Bearer\s+)[^\s"',;]+/gi;

/** A copy of `value` with secret keys, bearer values and the given secret strings masked. */
export function redact<T>(value: T, secrets: readonly (string | undefined)[] = []): T {
  const known = secrets.filter((s): s is string => !!s && s.length >= 4);
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      let out = v.replace(BEARER, `$1${MARK}`);
      for (const s of known) out = out.split(s).join(MARK);
      return out;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, inner] of Object.entries(v)) out[k] = SECRET_KEYS.test(k) && inner != null ? MARK : walk(inner);
      return out;
    }
    return v;
  };
  return walk(value) as T;
}
