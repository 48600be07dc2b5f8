/**
 * SLA policies as data, one per institution kind (DESIGN.md → SLA clocks):
 * - `local.handle` submitted → in_progress: 4 clock hours (Banyuwangi SOP, Bupati,
 *   May 2023). For a kecamatan, 2 hours for reports received from 15 Oct 2025: the
 *   Bupati's instruction to the camat installed that day ("Yang sebelumnya empat jam,
 *   sekarang maksimal dua jam", TIMES Indonesia, 16 Oct 2025,
 *   https://dev.tin.co.id/pemerintahan/560252/); 4 hours before it. Kelurahan, desa,
 *   puskesmas and RSUD follow the general 4-hour rule until a regulation says otherwise.
 * - `lapor.verify` submitted → forwarded: 3 working days (SP4N-LAPOR!).
 * - `lapor.followup` forwarded → responded: 5 working days (SP4N-LAPOR!).
 * - `lapor.close` responded → completed: 10 working days (SP4N-LAPOR!).
 * A deployment adjusts them with `policyFor(kind, overrides)`.
 */
import type { ClockId, InstitutionKind } from '../contract/enums.js';
import type { ClockRule, Duration, OfficeHours, ServiceHours, SlaPolicy } from '../contract/sla.js';

const laporClocks: readonly ClockRule[] = [
  { id: 'lapor.verify', from: 'submitted', to: 'forwarded', limit: { amount: 3, unit: 'working_days' } },
  { id: 'lapor.followup', from: 'forwarded', to: 'responded', limit: { amount: 5, unit: 'working_days' } },
  { id: 'lapor.close', from: 'responded', to: 'completed', limit: { amount: 10, unit: 'working_days' } },
];

const handle = ([hours, appliesFrom]: HandleVersion): ClockRule => ({
  id: 'local.handle',
  from: 'submitted',
  to: 'in_progress',
  limit: { amount: hours, unit: 'hours' },
  ...(appliesFrom ? { appliesFrom } : {}),
});

/** Hours to start handling, and the local date a version applies from; newest first. */
type HandleVersion = readonly [hours: number, appliesFrom?: string];
const HANDLE_HOURS: Record<InstitutionKind, readonly HandleVersion[]> = {
  opd: [[4]],
  kecamatan: [[2, '2025-10-15'], [4]],
  kelurahan: [[4]],
  desa: [[4]],
  puskesmas: [[4]],
  rsud: [[4]],
};
/**
 * Every institution kind. Taken from the (type-checked, complete) table above rather
 * than from contract/enums at runtime, which would pull zod into `lapor-widget/sla`.
 */
const INSTITUTION_KINDS = Object.keys(HANDLE_HOURS) as InstitutionKind[];

function freeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) freeze(v);
    Object.freeze(value);
  }
  return value;
}

/** The built-in policies, keyed by institution kind. Frozen: use `policyFor` to vary them. */
export const DEFAULT_POLICIES: Readonly<Record<InstitutionKind, SlaPolicy>> = freeze(
  Object.fromEntries(
    INSTITUTION_KINDS.map((kind) => [
      kind,
      { id: kind, clocks: [...HANDLE_HOURS[kind].map(handle), ...laporClocks.map((c) => ({ ...c, limit: { ...c.limit } }))] },
    ]),
  ) as Record<InstitutionKind, SlaPolicy>,
);

/**
 * Changes to one clock: a new limit (or a bare amount in the clock's unit), or `null` to
 * drop it. Applies to every dated version of that clock.
 */
export type ClockOverride = Partial<Pick<ClockRule, 'from' | 'to'>> & { limit?: Duration | number };

export interface PolicyOverrides {
  id?: string;
  clocks?: Partial<Record<ClockId, ClockOverride | null>>;
  officeHours?: OfficeHours | null;
  /** Service hours in which the `hours` clocks count (an institution's jam layanan); null: wall clock. */
  serviceHours?: ServiceHours | null;
}

/**
 * The policy for an institution kind, with overrides applied. Returns a fresh object,
 * never the shared default.
 */
export function policyFor(kind: InstitutionKind, overrides: PolicyOverrides = {}): SlaPolicy {
  const base = DEFAULT_POLICIES[kind];
  if (!base) throw new RangeError(`Unknown institution kind: ${kind}`);
  const clocks: ClockRule[] = [];
  for (const rule of base.clocks) {
    const change = overrides.clocks?.[rule.id];
    if (change === null) continue;
    const limit =
      change?.limit === undefined
        ? { ...rule.limit }
        : typeof change.limit === 'number'
          ? { amount: change.limit, unit: rule.limit.unit }
          : { ...change.limit };
    if (!(limit.amount > 0)) throw new RangeError(`Clock ${rule.id}: limit must be positive`);
    if (limit.unit === 'working_days' && !Number.isInteger(limit.amount)) {
      throw new RangeError(`Clock ${rule.id}: working days must be whole ("paling lambat N hari kerja")`);
    }
    const version: ClockRule = { id: rule.id, from: change?.from ?? rule.from, to: change?.to ?? rule.to, limit };
    if (rule.appliesFrom) version.appliesFrom = rule.appliesFrom;
    clocks.push(version);
  }
  const policy: SlaPolicy = { id: overrides.id ?? base.id, clocks };
  const officeHours = overrides.officeHours === undefined ? base.officeHours : overrides.officeHours;
  if (officeHours) policy.officeHours = { ...officeHours };
  const service = overrides.serviceHours === undefined ? base.serviceHours : overrides.serviceHours;
  if (service) policy.serviceHours = { days: [...service.days], start: service.start, end: service.end };
  return policy;
}

/** Every kind's policy (what `GET /v1/config` publishes), each with its own overrides. */
export function allPolicies(
  overrides: Partial<Record<InstitutionKind, PolicyOverrides>> = {},
): Record<InstitutionKind, SlaPolicy> {
  return Object.fromEntries(INSTITUTION_KINDS.map((k) => [k, policyFor(k, overrides[k])])) as Record<
    InstitutionKind,
    SlaPolicy
  >;
}
