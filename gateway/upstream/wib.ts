/**
 * LAPOR! writes its times as wall-clock WIB (UTC+7, no DST, no zone in the string):
 * `d-m-Y H:i:s` in follow-ups (admin_lmw_v2 parses them with Carbon::createFromFormat
 * ('d-m-Y H:i:s')). `new Date('05-11-2026 …')` reads that as 11 May or fails, so it is
 * parsed by hand. `Y-m-d H:i:s` (Laravel's default serialisation) is accepted too and
 * also read as WIB.
 */
const WIB_OFFSET_MS = 7 * 3_600_000;
const DMY = /^(\d{2})-(\d{2})-(\d{4}) (\d{2}):(\d{2}):(\d{2})$/;
const YMD = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;

/** The instant a WIB wall-clock string names, or undefined when it is not one. */
export function parseWib(text: string): Date | undefined {
  const s = text.trim();
  let y: number, mo: number, d: number, h: number, mi: number, se: number;
  let m = DMY.exec(s);
  if (m) [d, mo, y, h, mi, se] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  else if ((m = YMD.exec(s))) [y, mo, d, h, mi, se] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  else return undefined;
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || se > 59) return undefined;
  const utc = Date.UTC(y, mo - 1, d, h, mi, se);
  // Date.UTC rolls 31-02 over into March: reject dates that do not exist.
  if (new Date(utc).getUTCDate() !== d) return undefined;
  return new Date(utc - WIB_OFFSET_MS);
}

/** `d-m-Y H:i:s` in WIB, the way LAPOR! writes it (the simulator answers with this). */
export function formatWib(at: Date): string {
  const t = new Date(at.getTime() + WIB_OFFSET_MS);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(t.getUTCDate())}-${p(t.getUTCMonth() + 1)}-${t.getUTCFullYear()} ${p(t.getUTCHours())}:${p(t.getUTCMinutes())}:${p(t.getUTCSeconds())}`;
}
