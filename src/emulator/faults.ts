/**
 * Fault injection: added latency and error rates per endpoint group, so clients' retry and
 * throttling paths can be exercised on purpose. Decisions come from a seeded generator, so a
 * test that gives `seed` sees the same sequence of faults on every run.
 */

export const FAULT_GROUPS = ['all', 'identity', 'token', 'managedIdentity', 'arm'] as const;
export type FaultGroup = (typeof FAULT_GROUPS)[number];

export interface FaultRule {
  /** Added before answering, in milliseconds. */
  latencyMs?: number;
  /** Uniform extra latency in [0, jitterMs). */
  jitterMs?: number;
  /** Share of requests answered 429 with Retry-After (0..1). */
  rate429?: number;
  /** Retry-After seconds sent with 429 and 503 (default 1). */
  retryAfterSeconds?: number;
  rate500?: number;
  rate503?: number;
  /** Share of requests whose connection is destroyed without an answer. */
  dropRate?: number;
}

export type FaultConfig = { seed?: number } & { [G in FaultGroup]?: FaultRule };

export type FaultAction =
  | { kind: 'none'; delayMs: number }
  | { kind: 'drop'; delayMs: number }
  | { kind: 'status'; status: 429 | 500 | 503; retryAfterSeconds?: number; delayMs: number };

const NO_FAULT: FaultAction = Object.freeze({ kind: 'none', delayMs: 0 });

/** Which rule applies: the most specific group configured for the request wins. */
const SPECIFICITY: Record<Exclude<FaultGroup, 'all'>, FaultGroup[]> = {
  token: ['token', 'identity', 'all'],
  managedIdentity: ['managedIdentity', 'identity', 'all'],
  identity: ['identity', 'all'],
  arm: ['arm', 'all'],
};

export class FaultInjector {
  private config: FaultConfig = {};
  private next: () => number = Math.random;
  /** Whether any group has a rule: decided on each change, not on each request. */
  private any = false;

  constructor(config?: FaultConfig) {
    this.set(config);
  }

  get current(): FaultConfig {
    return structuredClone(this.config);
  }

  set(config: FaultConfig | undefined): void {
    this.config = structuredClone(config ?? {});
    this.next = config?.seed === undefined ? Math.random : mulberry32(config.seed);
    this.any = FAULT_GROUPS.some((g) => this.config[g] !== undefined);
  }

  clear(): void {
    this.set(undefined);
  }

  get active(): boolean {
    return this.any;
  }

  decide(group: Exclude<FaultGroup, 'all'> | undefined): FaultAction {
    if (!group || !this.any) return NO_FAULT;
    const rule = SPECIFICITY[group].map((g) => this.config[g]).find((r) => r !== undefined);
    if (!rule) return NO_FAULT;
    const delayMs = Math.max(0, rule.latencyMs ?? 0) + (rule.jitterMs ? this.next() * rule.jitterMs : 0);
    const u = this.next();
    let edge = rule.dropRate ?? 0;
    if (u < edge) return { kind: 'drop', delayMs };
    const retryAfterSeconds = rule.retryAfterSeconds ?? 1;
    if (u < (edge += rule.rate429 ?? 0)) return { kind: 'status', status: 429, retryAfterSeconds, delayMs };
    if (u < (edge += rule.rate500 ?? 0)) return { kind: 'status', status: 500, delayMs };
    if (u < (edge += rule.rate503 ?? 0)) return { kind: 'status', status: 503, retryAfterSeconds, delayMs };
    return { kind: 'none', delayMs };
  }
}

/** Checks a fault configuration; returns a message naming the first problem, or undefined. */
export function checkFaultConfig(config: unknown): string | undefined {
  if (!config || typeof config !== 'object' || Array.isArray(config)) return 'faults must be an object';
  for (const [key, value] of Object.entries(config)) {
    if (key === 'seed') {
      if (!Number.isInteger(value)) return 'faults.seed must be an integer';
      continue;
    }
    if (!(FAULT_GROUPS as readonly string[]).includes(key)) return `unknown fault group "${key}" (known: ${FAULT_GROUPS.join(', ')})`;
    if (!value || typeof value !== 'object' || Array.isArray(value)) return `faults.${key} must be an object`;
    let sum = 0;
    for (const [field, n] of Object.entries(value as Record<string, unknown>)) {
      if (!['latencyMs', 'jitterMs', 'rate429', 'retryAfterSeconds', 'rate500', 'rate503', 'dropRate'].includes(field)) return `unknown field faults.${key}.${field}`;
      if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) return `faults.${key}.${field} must be a number >= 0`;
      if (field.startsWith('rate') || field === 'dropRate') {
        if (n > 1) return `faults.${key}.${field} must be between 0 and 1`;
        sum += n;
      }
      if ((field === 'latencyMs' || field === 'jitterMs') && n > 120_000) return `faults.${key}.${field} must be at most 120000`;
    }
    if (sum > 1 + 1e-9) return `the rates in faults.${key} add up to more than 1`;
  }
  return undefined;
}

/** A small, fast, seedable generator; quality is ample for picking faults. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
