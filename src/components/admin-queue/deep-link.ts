/**
 * `/admin.html#LPR-7K3M-Q9XD`: the link in an escalation message (issue 28) opens that
 * report once the admin has signed in. Only a tracking number is taken from the URL.
 */
const LINK = /^#(LPR-[0-9A-Z]{4}-[0-9A-Z]{4})$/i;

export function linkedReport(hash = globalThis.location?.hash ?? ''): string | undefined {
  return LINK.exec(decodeURIComponent(hash))?.[1]?.toUpperCase();
}
