/**
 * The emulator's mutable state: authorization codes, device codes, sign-ins in progress and
 * refresh tokens. Refresh tokens are kept by their SHA-256 only and saved to the data folder,
 * so a restart keeps people signed in without the file ever holding a usable token.
 */
import { createHash, randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { readIfExists, writePrivateFile } from './files.js';

export interface AuthCodeGrant {
  clientId: string;
  redirectUri: string;
  codeChallenge?: string;
  tenantId: string;
  userId: string;
  scope: string;
  nonce?: string;
  mfa: boolean;
  expiresAt: number;
  redeemed: boolean;
}

export type DeviceStatus = 'pending' | 'approved' | 'declined' | 'redeemed';

export interface DeviceGrant {
  deviceCode: string;
  userCode: string;
  clientId: string;
  scope: string;
  /** The tenant segment the flow started on (a tenant id, domain, common or organizations). */
  tenantSegment: string;
  status: DeviceStatus;
  userId?: string;
  tenantId?: string;
  mfa?: boolean;
  createdAt: number;
  expiresAt: number;
}

export interface RefreshGrant {
  userId: string;
  tenantId: string;
  clientId: string;
  scope: string;
  mfa: boolean;
  foci: boolean;
  issuedAt: number;
  expiresAt: number;
}

/** A sign-in page in progress: what the browser asked for, kept server-side behind an opaque id. */
export interface PendingSignIn {
  kind: 'authorize' | 'device';
  params: Record<string, string>;
  tenantSegment: string;
  /** Set once the password was right and only the MFA step remains. */
  userId?: string;
  expiresAt: number;
}

const USER_CODE_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ23456789';

export class GrantStore {
  readonly codes = new Map<string, AuthCodeGrant>();
  readonly devices = new Map<string, DeviceGrant>(); // by device_code
  readonly userCodes = new Map<string, string>(); // user_code → device_code
  readonly signIns = new Map<string, PendingSignIn>();
  private refresh = new Map<string, RefreshGrant>(); // sha256(token) → grant
  private revoked = new Set<string>();
  private saveTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly statePath: string | undefined,
    private readonly now: () => number,
  ) {
    this.load();
  }

  token(bytes = 32): string {
    return randomBytes(bytes).toString('base64url');
  }

  userCode(): string {
    const bytes = randomBytes(9);
    let code = '';
    for (const b of bytes) code += USER_CODE_ALPHABET[b % USER_CODE_ALPHABET.length];
    return code;
  }

  issueRefreshToken(grant: RefreshGrant): string {
    // Real refresh tokens are opaque and long; the prefix mimics their version marker.
    const token = `1.AQ${this.token(48)}`;
    this.refresh.set(hash(token), grant);
    this.scheduleSave();
    return token;
  }

  /** The grant behind a refresh token, or why there is none. */
  findRefreshToken(token: string): RefreshGrant | 'revoked' | 'expired' | 'unknown' {
    const h = hash(token);
    const grant = this.refresh.get(h);
    if (!grant) return this.revoked.has(h) ? 'revoked' : 'unknown';
    if (grant.expiresAt <= this.now()) {
      this.refresh.delete(h);
      this.scheduleSave();
      return 'expired';
    }
    return grant;
  }

  revokeRefreshTokens(filter: { userId?: string; clientId?: string }): number {
    let n = 0;
    for (const [h, g] of this.refresh) {
      if (filter.userId && g.userId.toLowerCase() !== filter.userId.toLowerCase()) continue;
      if (filter.clientId && g.clientId.toLowerCase() !== filter.clientId.toLowerCase()) continue;
      this.refresh.delete(h);
      this.rememberRevoked(h);
      n++;
    }
    if (n) this.scheduleSave();
    return n;
  }

  get refreshTokenCount(): number {
    return this.refresh.size;
  }

  /** Drops expired codes and sign-ins; called periodically. */
  sweep(): void {
    const t = this.now();
    for (const [k, v] of this.codes) if (v.expiresAt + 60_000 < t) this.codes.delete(k);
    for (const [k, v] of this.devices) {
      if (v.expiresAt + 600_000 < t) {
        this.devices.delete(k);
        this.userCodes.delete(v.userCode);
      }
    }
    for (const [k, v] of this.signIns) if (v.expiresAt < t) this.signIns.delete(k);
  }

  reset(): void {
    this.codes.clear();
    this.devices.clear();
    this.userCodes.clear();
    this.signIns.clear();
    this.refresh.clear();
    this.revoked.clear();
    if (this.statePath) rmSync(this.statePath, { force: true });
  }

  flush(): void {
    if (this.saveTimer) {
      clearTimeout(this.saveTimer);
      this.saveTimer = undefined;
    }
    if (!this.statePath) return;
    writePrivateFile(this.statePath, JSON.stringify({ version: 1, refreshTokens: [...this.refresh] }));
  }

  private rememberRevoked(h: string): void {
    // Bounded: telling "revoked" from "unknown" is a courtesy in the error text, not a guarantee.
    if (this.revoked.size > 100_000) this.revoked.clear();
    this.revoked.add(h);
  }

  private scheduleSave(): void {
    if (!this.statePath || this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      try {
        this.flush();
      } catch {
        // Losing a save only means refresh tokens issued since the last one die with the process.
      }
    }, 250);
    this.saveTimer.unref();
  }

  private load(): void {
    if (!this.statePath) return;
    const text = readIfExists(this.statePath);
    if (!text) return;
    try {
      const data = JSON.parse(text) as { version?: number; refreshTokens?: [string, RefreshGrant][] };
      if (data.version === 1 && Array.isArray(data.refreshTokens)) {
        const t = this.now();
        for (const [h, g] of data.refreshTokens) if (g && g.expiresAt > t) this.refresh.set(h, g);
      }
    } catch {
      // An unreadable state file only costs people their sign-ins; start clean.
    }
  }
}

function hash(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
