/**
 * The demo's history (issue 28): so that `npm start` shows a public SOP board with
 * figures, a fresh demo database gets about two months of complaints for a dozen units,
 * each unit with its own habits (some take reports up within minutes, some are often
 * late, a few receive fewer than five a month and stay unranked), all but a handful
 * closed. Deterministic: the same day gives the same history.
 *
 * Written through the gateway's own services (the SLA engine computes every clock, the
 * timeline has every step), but with the transitions' own past times, as an upstream
 * sync records LAPOR!'s. Nothing is queued for LAPOR! or for anyone's inbox. Only on a
 * database with no reports at all; `LAPOR_DEMO_HISTORY=off` skips it (the e2e suites do).
 */
import type { Gateway } from '../gateway/gateway.js';
import { accessHash, newAccessCode, newTrackingId, randomId } from '../gateway/services/secrets.js';
import { calendarFor, nextDueAt } from '../gateway/services/sla.js';
import type { ReportRow } from '../gateway/services/store.js';
import type { ReportStatus } from '../src/contract/index.js';
import { nextOpening, withServiceHours, type Transition } from '../src/sla/index.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A unit's habits: reports per 30 days, typical minutes to take one up, and how often it forgets one. */
interface Habit {
  institutionId: string;
  perMonth: number;
  minutes: number;
  lateShare: number;
  categoryId: string;
}

const HABITS: readonly Habit[] = [
  { institutionId: 'kec-genteng', perMonth: 14, minutes: 45, lateShare: 0.1, categoryId: 'cat-infrastruktur' },
  { institutionId: 'kec-banyuwangi', perMonth: 18, minutes: 70, lateShare: 0.25, categoryId: 'cat-infrastruktur' },
  { institutionId: 'kec-rogojampi', perMonth: 9, minutes: 30, lateShare: 0.05, categoryId: 'cat-kependudukan' },
  { institutionId: 'kec-muncar', perMonth: 11, minutes: 100, lateShare: 0.35, categoryId: 'cat-lingkungan' },
  { institutionId: 'kec-licin', perMonth: 3, minutes: 20, lateShare: 0, categoryId: 'cat-infrastruktur' },
  { institutionId: 'desa-genteng-kulon', perMonth: 4, minutes: 90, lateShare: 0.1, categoryId: 'cat-infrastruktur' },
  { institutionId: 'opd-dinkes', perMonth: 16, minutes: 80, lateShare: 0.1, categoryId: 'cat-kesehatan' },
  { institutionId: 'opd-pu-ckpp', perMonth: 20, minutes: 150, lateShare: 0.3, categoryId: 'cat-infrastruktur' },
  { institutionId: 'opd-dispendukcapil', perMonth: 12, minutes: 60, lateShare: 0.05, categoryId: 'cat-kependudukan' },
  { institutionId: 'opd-dlh', perMonth: 7, minutes: 200, lateShare: 0.4, categoryId: 'cat-lingkungan' },
  { institutionId: 'rsud-blambangan', perMonth: 10, minutes: 50, lateShare: 0.15, categoryId: 'cat-kesehatan' },
  { institutionId: 'pkm-kabat', perMonth: 6, minutes: 40, lateShare: 0.05, categoryId: 'cat-kesehatan' },
  { institutionId: 'pkm-sobo', perMonth: 5, minutes: 120, lateShare: 0.2, categoryId: 'cat-kesehatan' },
  { institutionId: 'pkm-genteng-kulon', perMonth: 2, minutes: 35, lateShare: 0, categoryId: 'cat-kesehatan' },
];

const TITLES = [
  'Jalan berlubang di depan balai desa',
  'Lampu penerangan jalan mati sejak seminggu',
  'Antrean pelayanan terlalu lama',
  'Sampah tidak diangkut tiga hari',
  'Saluran air tersumbat saat hujan',
  'Petugas tidak ada di tempat pada jam layanan',
  'Permohonan informasi jadwal layanan',
];

/** mulberry32: a small seeded PRNG, so a demo is the same every time it starts on one day. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Seed the history when the database has no reports; resolves with how many were written. */
export async function seedHistory(gateway: Gateway, days = 60): Promise<number> {
  const { db, store, reports, secret } = gateway.services;
  const now = reports.now().getTime();
  const random = prng(Math.floor(now / DAY));
  let written = 0;
  await db.transaction(async () => {
    // Two demo processes on one PostgreSQL start together: one seeds, the other finds it done.
    await db.lock('demo-history');
    if (await db.get('SELECT 1 AS any FROM reports LIMIT 1')) return;
    for (const habit of HABITS) {
      const inst = store.institutions.get(habit.institutionId);
      if (!inst) continue;
      const count = Math.round((habit.perMonth * days) / 30);
      for (let i = 0; i < count; i++) {
        // Mostly in the day (07:00–20:00 WIB), some at night.
        const day = now - Math.ceil(random() * days) * DAY;
        const hour = random() < 0.85 ? 7 + random() * 13 : random() * 24;
        const received = Math.floor((Math.floor((day + 7 * HOUR) / DAY) * DAY - 7 * HOUR + hour * HOUR) / MINUTE) * MINUTE;
        if (received > now - 6 * HOUR) continue;
        const late = random() < habit.lateShare;
        // An office with service hours takes reports up once it opens.
        const opens = inst.serviceHours ? nextOpening(withServiceHours(calendarFor(inst.timeZone), inst.serviceHours), received).getTime() : received;
        const takenUp = opens + Math.round((late ? 4 + random() * 20 : 0.1 + random() * 1.6) * habit.minutes * MINUTE);
        const transitions: Transition[] = [{ status: 'submitted', at: new Date(received).toISOString(), institutionId: inst.id }];
        const at = (t: number) => new Date(Math.min(t, now - MINUTE)).toISOString();
        transitions.push({ status: 'verified', at: at(received + Math.min(takenUp - received, 20 * MINUTE) / 2) });
        transitions.push({ status: 'forwarded', at: at(received + Math.min(takenUp - received, 20 * MINUTE)), institutionId: inst.id });
        // A few are still waiting, late: "overdue now" on the board and in the queue.
        const open = random() < 0.03;
        if (!open && takenUp < now) {
          transitions.push({ status: 'in_progress', at: at(takenUp) });
          const responded = takenUp + (1 + random() * 30) * HOUR;
          if (responded < now) {
            transitions.push({ status: 'responded', at: at(responded) });
            const completed = responded + (1 + random() * 4) * DAY;
            if (completed < now) transitions.push({ status: 'completed', at: at(completed) });
          }
        }
        const status = transitions.at(-1)!.status;
        const createdAt = transitions[0]!.at as string;
        const row: ReportRow & { lang: string } = {
          tracking_id: newTrackingId(),
          // An access code nobody knows: the demo history is read through the admin console and the board.
          access_hash: accessHash(newAccessCode(), secret),
          status,
          held_from: null,
          status_reason: null,
          classification: 'complaint',
          title: `${TITLES[Math.floor(random() * TITLES.length)]} (contoh)`,
          body: 'Laporan contoh untuk demo papan kinerja: dibuat otomatis saat gateway demo pertama kali berjalan.',
          incident_date: createdAt.slice(0, 10),
          location_json: JSON.stringify({ text: inst.name }),
          institution_id: inst.id,
          category_id: store.categories.has(habit.categoryId) ? habit.categoryId : null,
          anonymous: 0,
          secret: 0,
          channel: 'web',
          site_key: 'demo-opd',
          reporter_json: JSON.stringify({ name: `Warga Contoh ${written + 1}` }),
          transitions_json: JSON.stringify(transitions),
          clocks_json: '[]',
          next_due_at: null,
          next_check_at: null,
          rating_json: null,
          lapor_id: null,
          upstream_state: 'disabled',
          upstream_synced_at: null,
          upstream_status: null,
          created_at: createdAt,
          updated_at: transitions.at(-1)!.at as string,
          lang: 'id',
        };
        const clocks = reports.recomputeClocks(row);
        row.clocks_json = JSON.stringify(clocks);
        row.next_due_at = nextDueAt(clocks);
        // Open ones are looked at by the breach scheduler at once (their breach is announced, once).
        row.next_check_at = status === 'completed' ? null : new Date(now).toISOString();
        while (!(await store.insertReport(row))) row.tracking_id = newTrackingId();
        let from: ReportStatus | null = null;
        for (const t of transitions) {
          await reports.addTimeline(row.tracking_id, { at: t.at as string, type: 'status', status: t.status, from, institutionName: t.status === 'forwarded' ? inst.name : null });
          if (t.status === 'responded') {
            await store.insertResponse({
              id: randomId('rsp', 9),
              tracking_id: row.tracking_id,
              at: t.at as string,
              author: 'agency',
              institution_name: inst.name,
              message: 'Terima kasih. Petugas kami sudah menindaklanjuti laporan ini.',
              upstream_ref: null,
            });
          }
          from = t.status;
        }
        written++;
      }
    }
  });
  return written;
}
