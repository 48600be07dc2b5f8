/**
 * LAPOR_ESCALATION: the escalation chain as the operator writes it (a JSON file).
 *
 *   { "steps": [ { "at": "-60m", "to": "institution" }, { "at": "-15m", "to": "head" },
 *                { "at": "0m", "to": "regent", "urgent": true } ],
 *     "institutions": { "kec-genteng": { "steps": [ … ] } },
 *     "contacts": { "institution": { "opd-dinkes": [ { "email": "…" }, { "whatsapp": "628…" } ] },
 *                   "head": { "opd-dinkes": [ { "email": "…", "lang": "id" } ] },
 *                   "regent": [ { "email": "…" } ] },
 *     "serviceHours": { "regent": { "days": [1, 2, 3, 4, 5], "start": "07:30", "end": "15:30", "source": "…" } } }
 *
 * `at` is minutes (`m`) or hours (`h`) relative to the report's `local.handle` deadline,
 * negative before it. `to`: the report's current institution's admins, its head, or the
 * regent's office. Steps to `head` and `regent` that fall outside the recipient's service
 * hours wait for the next opening unless `"urgent": true`. A contact with `whatsapp` is a
 * staff member who opted in to WhatsApp templates.
 *
 * Everything is checked at start; the first fault stops the start with one line naming
 * the file, the place and what to write instead. Institutions are checked against the
 * reference data once it is loaded (`checkEscalationReferences`).
 */
import { readFileSync } from 'node:fs';
import type { NotifyChannel } from '../../src/contract/index.js';
import { readServiceHours, type SourcedServiceHours } from '../services/service-hours.js';

export const ESCALATION_ROLES = ['institution', 'head', 'regent'] as const;
export type EscalationRole = (typeof ESCALATION_ROLES)[number];

export interface EscalationStep {
  /** Minutes relative to the local.handle deadline (negative: before it). */
  at: number;
  to: EscalationRole;
  /** Sent at once even outside the recipient's service hours. */
  urgent: boolean;
  /** Stable name of the step, e.g. `-60m:head` (one firing per report, institution and key). */
  key: string;
}

export interface EscalationContact {
  channel: NotifyChannel;
  /** An email address, or the WhatsApp number as the Cloud API takes it (digits, country code). */
  address: string;
  lang: 'id' | 'en';
}

export interface EscalationConfig {
  /** The default chain. */
  steps: EscalationStep[];
  /** Chains of their own, by institution id. */
  institutions: Map<string, EscalationStep[]>;
  contacts: {
    institution: Map<string, EscalationContact[]>;
    head: Map<string, EscalationContact[]>;
    regent: EscalationContact[];
  };
  /** The regent's office hours (escalations to it wait for them); none: it receives them at any hour. */
  regentHours?: SourcedServiceHours;
}

const AT = /^([+-]?)(\d{1,4})(m|h)$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

function only(where: string, v: Json, keys: readonly string[]): void {
  const extra = Object.keys(v).find((k) => !keys.includes(k));
  if (extra !== undefined) throw new Error(`${where}: unknown key "${extra}" (expected ${keys.map((k) => `"${k}"`).join(', ')})`);
}

function readSteps(raw: unknown, where: string): EscalationStep[] {
  if (!Array.isArray(raw) || raw.length === 0) throw new Error(`${where}: expected a non-empty list of {"at": "-60m", "to": "institution"}`);
  const steps = raw.map((s, i): EscalationStep => {
    const here = `${where}[${i}]`;
    if (!isObject(s)) throw new Error(`${here}: expected {"at": "-60m", "to": "institution"}`);
    only(here, s, ['at', 'to', 'urgent']);
    const m = typeof s.at === 'string' ? AT.exec(s.at.trim()) : null;
    if (!m) throw new Error(`${here}.at: minutes or hours relative to the deadline, e.g. "-60m", "0m", "+2h" (got ${JSON.stringify(s.at)})`);
    const at = (m[1] === '-' ? -1 : 1) * Number(m[2]) * (m[3] === 'h' ? 60 : 1);
    if (!ESCALATION_ROLES.includes(s.to as EscalationRole)) throw new Error(`${here}.to: one of ${ESCALATION_ROLES.map((r) => `"${r}"`).join(', ')} (got ${JSON.stringify(s.to)})`);
    if (s.urgent !== undefined && typeof s.urgent !== 'boolean') throw new Error(`${here}.urgent: true or false`);
    const to = s.to as EscalationRole;
    // `+0` and `-0` are one instant: the key is written without a sign for zero.
    return { at: at || 0, to, urgent: s.urgent === true, key: `${at > 0 ? '+' : ''}${at || 0}m:${to}` };
  });
  const seen = new Set<string>();
  for (const s of steps) {
    if (seen.has(s.key)) throw new Error(`${where}: the step ${s.key} is listed twice`);
    seen.add(s.key);
  }
  return steps.sort((a, b) => a.at - b.at);
}

function readContacts(raw: unknown, where: string): EscalationContact[] {
  if (!Array.isArray(raw)) throw new Error(`${where}: expected a list of {"email": "…"} or {"whatsapp": "628…"}`);
  return raw.map((c, i): EscalationContact => {
    const here = `${where}[${i}]`;
    if (!isObject(c)) throw new Error(`${here}: expected {"email": "…"} or {"whatsapp": "628…"}`);
    only(here, c, ['email', 'whatsapp', 'lang', 'name']);
    if (c.lang !== undefined && c.lang !== 'id' && c.lang !== 'en') throw new Error(`${here}.lang: "id" or "en"`);
    const lang = c.lang === 'en' ? 'en' : 'id';
    if ((c.email === undefined) === (c.whatsapp === undefined)) throw new Error(`${here}: give exactly one of "email" and "whatsapp"`);
    if (c.email !== undefined) {
      if (typeof c.email !== 'string' || !EMAIL.test(c.email.trim())) throw new Error(`${here}.email: not an email address (${JSON.stringify(c.email)})`);
      return { channel: 'email', address: c.email.trim(), lang };
    }
    const digits = typeof c.whatsapp === 'string' ? c.whatsapp.replace(/[\s+-]/g, '') : '';
    if (!/^[1-9]\d{9,14}$/.test(digits)) throw new Error(`${here}.whatsapp: the number with its country code, digits only, e.g. "6281234567890"`);
    return { channel: 'whatsapp', address: digits, lang };
  });
}

function readContactTable(raw: unknown, where: string): Map<string, EscalationContact[]> {
  if (raw === undefined) return new Map();
  if (!isObject(raw)) throw new Error(`${where}: expected {"<institution id>": [contacts]}`);
  return new Map(Object.entries(raw).map(([id, list]) => [id, readContacts(list, `${where}.${id}`)]));
}

/** Parse the file's text; `where` names it in errors. */
export function parseEscalation(text: string, where = 'LAPOR_ESCALATION'): EscalationConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new Error(`${where}: not valid JSON (${(error as Error).message})`);
  }
  if (!isObject(raw)) throw new Error(`${where}: expected an object with "steps" and "contacts"`);
  only(where, raw, ['steps', 'institutions', 'contacts', 'serviceHours', '_about']);
  const steps = readSteps(raw.steps, `${where}: steps`);
  const institutions = new Map<string, EscalationStep[]>();
  if (raw.institutions !== undefined) {
    if (!isObject(raw.institutions)) throw new Error(`${where}: institutions: expected {"<institution id>": {"steps": […]}}`);
    for (const [id, v] of Object.entries(raw.institutions)) {
      if (!isObject(v)) throw new Error(`${where}: institutions.${id}: expected {"steps": […]}`);
      only(`${where}: institutions.${id}`, v, ['steps']);
      institutions.set(id, readSteps(v.steps, `${where}: institutions.${id}.steps`));
    }
  }
  const contacts = raw.contacts ?? {};
  if (!isObject(contacts)) throw new Error(`${where}: contacts: expected {"institution": {…}, "head": {…}, "regent": […]}`);
  only(`${where}: contacts`, contacts, ESCALATION_ROLES);
  let regentHours: SourcedServiceHours | undefined;
  if (raw.serviceHours !== undefined) {
    if (!isObject(raw.serviceHours)) throw new Error(`${where}: serviceHours: expected {"regent": {"days": […], "start": "HH:MM", "end": "HH:MM", "source": "…"}}`);
    only(`${where}: serviceHours`, raw.serviceHours, ['regent']);
    if (raw.serviceHours.regent !== undefined) regentHours = readServiceHours(raw.serviceHours.regent, `${where}: serviceHours.regent`);
  }
  return {
    steps,
    institutions,
    contacts: {
      institution: readContactTable(contacts.institution, `${where}: contacts.institution`),
      head: readContactTable(contacts.head, `${where}: contacts.head`),
      regent: contacts.regent === undefined ? [] : readContacts(contacts.regent, `${where}: contacts.regent`),
    },
    ...(regentHours ? { regentHours } : {}),
  };
}

export function loadEscalationFile(path: string): EscalationConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`LAPOR_ESCALATION: cannot read ${path}: ${(error as Error).message}`);
  }
  return parseEscalation(text, `LAPOR_ESCALATION (${path})`);
}

/**
 * Once the reference data is loaded: every institution named must exist, and every
 * channel a contact uses must be configured (else its messages could never go out).
 */
export function checkEscalationReferences(config: EscalationConfig, institutions: ReadonlySet<string>, channels: ReadonlySet<NotifyChannel>): void {
  const named: Array<[string, string]> = [
    ...[...config.institutions.keys()].map((id): [string, string] => [id, 'institutions']),
    ...[...config.contacts.institution.keys()].map((id): [string, string] => [id, 'contacts.institution']),
    ...[...config.contacts.head.keys()].map((id): [string, string] => [id, 'contacts.head']),
  ];
  for (const [id, where] of named) {
    if (!institutions.has(id)) throw new Error(`LAPOR_ESCALATION: unknown institution "${id}" in ${where} (not in the reference data)`);
  }
  const all = [...config.contacts.institution.values(), ...config.contacts.head.values(), config.contacts.regent].flat();
  for (const ch of new Set(all.map((c) => c.channel))) {
    if (!channels.has(ch)) {
      throw new Error(
        `LAPOR_ESCALATION: contacts use ${ch === 'email' ? 'email, but LAPOR_SMTP_URL and LAPOR_MAIL_FROM are not set' : 'WhatsApp, but LAPOR_WHATSAPP_URL, LAPOR_WHATSAPP_TOKEN and LAPOR_WHATSAPP_PHONE_ID are not set'}`,
      );
    }
  }
}

/** The chain that applies to a report now with `institutionId` (its own, else the default). */
export function chainFor(config: EscalationConfig, institutionId: string | null): EscalationStep[] {
  return (institutionId && config.institutions.get(institutionId)) || config.steps;
}

/** Who receives a step for a report with `institutionId`. */
export function contactsFor(config: EscalationConfig, to: EscalationRole, institutionId: string | null): EscalationContact[] {
  if (to === 'regent') return config.contacts.regent;
  return (institutionId && config.contacts[to].get(institutionId)) || [];
}
