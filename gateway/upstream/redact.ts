/**
 * What may go into a log line from a LAPOR! answer: our own secrets never, personal data
 * (names, NIK, phone, e-mail, address, the complaint text) masked, and at most 1,000
 * characters, so an unexpected answer can be diagnosed without leaking a citizen.
 */
const PERSONAL = /^(authorization|token|auth|password|secret|nik|name|nama.*|name_?user|phone.*|email.*|.*_?email|address|alamat.*|content|reporter)$/i;
const MAX = 1000;

function mask(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(mask);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, PERSONAL.test(k) && v !== null && typeof v !== 'object' ? '[redacted]' : mask(v)]),
    );
  }
  return value;
}

export function redact(text: string, secrets: string[]): string {
  let out: string;
  try {
    out = JSON.stringify(mask(JSON.parse(text)));
  } catch {
    out = text;
  }
  for (const s of secrets) if (s) out = out.split(s).join('[secret]');
  return out.length > MAX ? `${out.slice(0, MAX)}… (${out.length} chars)` : out;
}
