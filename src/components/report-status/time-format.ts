/** Times shown in the institution's own zone (WIB/WITA/WIT), never the device's. */
import type { Report, TimeZone } from '../../contract/index.js';

const DEFAULT_ZONE: TimeZone = 'Asia/Jakarta';

export function reportTimeZone(report: Report | undefined): TimeZone {
  return report?.institution?.timeZone ?? report?.clocks[0]?.timeZone ?? DEFAULT_ZONE;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** e.g. `7 Des 2026 08.05` (id) or `7 Dec 2026, 08:05` (en); the zone name is added by the caller. */
export function formatInstant(iso: string | number, locale: string, timeZone: string): string {
  const key = `${locale}|${timeZone}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'id-ID', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone,
    });
    formats.set(key, format);
  }
  return format.format(typeof iso === 'number' ? iso : Date.parse(iso));
}
