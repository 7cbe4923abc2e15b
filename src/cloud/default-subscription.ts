/**
 * Which subscription a new sign-in selects, by Az.Accounts' rules: the one asked for (parameter,
 * else DefaultSubscriptionForLogin), else the first active one whose home tenant is the tenant
 * it was listed from, else the first active one; a person at a terminal with several to choose
 * from gets a picker (LoginExperienceV2) instead. No subscription at all means a tenant context.
 */
import { fail } from '../core/errors.js';
import type { SubscriptionRecord } from '../profile/profile.js';
import { isGuid, sameName } from '../profile/profile.js';

const ACTIVE = new Set(['enabled', 'warned']);

export const isActive = (s: SubscriptionRecord): boolean => ACTIVE.has(s.state.toLowerCase());

export interface Requested {
  value: string;
  /** Where the value came from, for the error message. */
  source: 'parameter' | 'setting';
}

/** The requested subscription, by id or (ignoring case) by name, preferring its home tenant. */
export function findRequested(subscriptions: SubscriptionRecord[], requested: Requested): SubscriptionRecord {
  const byId = isGuid(requested.value);
  const matches = subscriptions.filter((s) => (byId ? sameName(s.id, requested.value) : sameName(s.name, requested.value)));
  const found = matches.find((s) => s.homeTenantId === s.tenantId) ?? matches[0];
  if (!found) {
    const fix =
      requested.source === 'setting'
        ? 'It comes from the DefaultSubscriptionForLogin setting: change it with myaccount update-config --default-subscription-for-login <name or id>, or clear it.'
        : 'Run connect without --subscription to see the subscriptions this account has.';
    throw fail[byId ? 'SubscriptionIdNotFound' : 'SubscriptionNameNotFound'](`The account has no subscription ${byId ? 'with id' : 'named'} "${requested.value}" in the tenants it could read. ${fix}`, { target: requested.source === 'setting' ? 'DefaultSubscriptionForLogin' : 'Subscription' });
  }
  return found;
}

/** Az's choice when nothing was asked for and nobody is picking. */
export function firstChoice(subscriptions: SubscriptionRecord[]): SubscriptionRecord | null {
  const active = subscriptions.filter(isActive);
  return active.find((s) => s.homeTenantId === s.tenantId) ?? active[0] ?? null;
}

/** Rows of the picker: by tenant, then name, as Az shows them. */
export function pickerRows(subscriptions: SubscriptionRecord[], tenantName: (id: string) => string): SubscriptionRecord[] {
  return [...subscriptions].sort((a, b) => tenantName(a.tenantId).localeCompare(tenantName(b.tenantId)) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

const cut = (text: string, width: number): string => (text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width));

export function renderPicker(rows: SubscriptionRecord[], tenantName: (id: string) => string, marked: SubscriptionRecord | null): string {
  const lines = ['', '[Tenant and subscription selection]', '', `No     ${cut('Subscription name', 36)}  ${cut('Subscription ID', 36)}  Tenant name`, `----   ${'-'.repeat(36)}  ${'-'.repeat(36)}  ${'-'.repeat(26)}`];
  rows.forEach((s, i) => {
    const mark = marked && s.id === marked.id && s.tenantId === marked.tenantId ? '*' : ' ';
    lines.push(`${mark}[${i + 1}]${' '.repeat(Math.max(1, 4 - String(i + 1).length))}${cut(s.name, 36)}  ${cut(s.id, 36)}  ${cut(tenantName(s.tenantId), 26)}`);
  });
  return lines.join('\n');
}

export type Answer = { kind: 'chosen'; subscription: SubscriptionRecord } | { kind: 'retry'; message: string };

/** Reads one answer: a number from the list, or Enter for the marked (or first) row. */
export function readAnswer(answer: string, rows: SubscriptionRecord[], marked: SubscriptionRecord | null): Answer {
  const text = answer.trim();
  if (text === '') {
    const chosen = marked ?? rows[0];
    return chosen ? { kind: 'chosen', subscription: chosen } : { kind: 'retry', message: 'Please select a subscription.' };
  }
  if (!/^\d+$/.test(text)) return { kind: 'retry', message: `"${text.slice(0, 20)}" is not a number. Type the number of a subscription from the list.` };
  const n = Number(text);
  if (n < 1 || n > rows.length) return { kind: 'retry', message: `${n} is not in the list. Type a number from 1 to ${rows.length}.` };
  return { kind: 'chosen', subscription: rows[n - 1] };
}
