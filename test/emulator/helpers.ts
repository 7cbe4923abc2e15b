/**
 * Shared test plumbing: an emulator in a throw-away data folder, an MSAL network client that
 * trusts only the emulator's CA and refuses any non-loopback host, MSAL apps configured for the
 * local cloud, raw HTTPS calls, and a scripted browser that fills in the sign-in pages.
 */
import http from 'node:http';
import https from 'node:https';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfidentialClientApplication, PublicClientApplication, type Configuration, type INetworkModule, type NetworkRequestOptions, type NetworkResponse } from '@azure/msal-node';
import { startEmulator, DEFAULT_CLIENT_ID, type EmulatorOptions, type RunningEmulator } from '../../src/emulator/index.js';

export function tempDir(prefix = 'emu-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface TestEmulator extends RunningEmulator {
  dataDir: string;
  agent: https.Agent;
  /** Stops the server and removes the data folder. */
  dispose(): Promise<void>;
}

export async function startTestEmulator(opts: Partial<EmulatorOptions> = {}): Promise<TestEmulator> {
  const dataDir = opts.dataDir ?? tempDir();
  const emu = await startEmulator({ port: 0, admin: true, ...opts, dataDir });
  const agent = new https.Agent({ ca: emu.caPem, keepAlive: true });
  return Object.assign(emu, {
    dataDir,
    agent,
    async dispose() {
      agent.destroy();
      await emu.stop();
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** msal-node INetworkModule: trusts one CA, and fails any request that would leave this machine. */
export class LoopbackHttpsClient implements INetworkModule {
  readonly urls: string[] = [];
  private readonly agent: https.Agent;

  constructor(ca: string) {
    this.agent = new https.Agent({ ca, keepAlive: false });
  }

  sendGetRequestAsync<T>(url: string, options?: NetworkRequestOptions, timeout?: number): Promise<NetworkResponse<T>> {
    return this.send('GET', url, options, timeout);
  }

  sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.send('POST', url, options);
  }

  private send<T>(method: string, url: string, options: NetworkRequestOptions = {}, timeout?: number): Promise<NetworkResponse<T>> {
    const u = new URL(url);
    this.urls.push(`${method} ${u.pathname}`);
    if (!LOOPBACK.has(u.hostname)) return Promise.reject(new Error(`blocked non-loopback request to ${u.host}`));
    return new Promise((resolve, reject) => {
      const req = https.request(u, { method, agent: this.agent, headers: options.headers ?? {}, timeout }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => {
          try {
            const headers: Record<string, string> = {};
            for (const [k, v] of Object.entries(res.headers)) headers[k.toLowerCase()] = ([] as string[]).concat(v as string).join(', ');
            resolve({ headers, body: (text ? JSON.parse(text) : {}) as T, status: res.statusCode ?? 0 });
          } catch (e) {
            reject(e);
          }
        });
      });
      req.on('timeout', () => req.destroy(new Error('Request timeout')));
      req.on('error', reject);
      req.end(method === 'POST' ? (options.body ?? '') : undefined);
    });
  }
}

export function msalConfig(emu: RunningEmulator, tenant: string, auth: Partial<Configuration['auth']> = {}, network?: LoopbackHttpsClient): Configuration {
  return {
    auth: { clientId: DEFAULT_CLIENT_ID, authority: `${emu.url}/${tenant}`, knownAuthorities: [`127.0.0.1:${emu.port}`], ...auth },
    system: { networkClient: network ?? new LoopbackHttpsClient(emu.caPem) },
  };
}

export function publicApp(emu: RunningEmulator, tenant: string, network?: LoopbackHttpsClient, clientId = DEFAULT_CLIENT_ID): PublicClientApplication {
  return new PublicClientApplication(msalConfig(emu, tenant, { clientId }, network));
}

export function confidentialApp(emu: RunningEmulator, tenant: string, auth: Partial<Configuration['auth']>, network?: LoopbackHttpsClient): ConfidentialClientApplication {
  return new ConfidentialClientApplication(msalConfig(emu, tenant, auth, network));
}

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: any;
}

export function call(emu: TestEmulator, method: string, path: string, o: { form?: Record<string, string>; json?: unknown; body?: string | Buffer; headers?: Record<string, string>; admin?: boolean } = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...o.headers };
  let body: string | Buffer | undefined = o.body;
  if (o.form) {
    body = new URLSearchParams(o.form).toString();
    headers['content-type'] ??= 'application/x-www-form-urlencoded';
  }
  if (o.json !== undefined) {
    body = JSON.stringify(o.json);
    headers['content-type'] ??= 'application/json';
  }
  if (o.admin) headers[emu.adminKeyHeader] = emu.adminKey!;
  return new Promise((resolve, reject) => {
    const req = https.request(`${emu.url}${path}`, { method, agent: emu.agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: any;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

export function decodeJwt(token: string): Record<string, any> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}

// ---- a scripted browser for the sign-in pages ----

function unescape(s: string): string {
  return s.replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n))).replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}

export interface ParsedForm {
  action: string;
  fields: Record<string, string>;
}

export function parseForm(html: string): ParsedForm {
  const form = /<form[^>]*action="([^"]*)"/i.exec(html);
  if (!form) throw new Error(`no form in page: ${html.slice(0, 300)}`);
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) fields[unescape(m[1])] = unescape(m[2]);
  return { action: unescape(form[1]), fields };
}

/** GET/POST through the emulator's pages as a browser would, returning the HTML (or a redirect). */
export function browse(emu: TestEmulator, method: 'GET' | 'POST', url: string, form?: Record<string, string>): Promise<Reply> {
  const u = new URL(url);
  return call(emu, method, u.pathname + u.search, form ? { form } : {});
}

/** Posts the emulator's form_post result to the app's loopback redirect URI (plain http). */
export function postToLoopback(action: string, fields: Record<string, string>): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const body = new URLSearchParams(fields).toString();
    const req = http.request(action, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * An `openBrowser` for acquireTokenInteractive: opens the authorize URL, signs in with the
 * given credentials (approving MFA if asked), and delivers the form_post to the loopback.
 */
export function scriptedBrowser(emu: TestEmulator, username: string, password: string, seen: { pages: string[] } = { pages: [] }) {
  return async (url: string): Promise<void> => {
    const page = await browse(emu, 'GET', url);
    seen.pages.push(page.text);
    if (page.status !== 200) throw new Error(`authorize page answered ${page.status}: ${page.text.slice(0, 300)}`);
    const signIn = parseForm(page.text);
    let next = await browse(emu, 'POST', signIn.action, { ...signIn.fields, login: username, passwd: password, action: 'signin' });
    seen.pages.push(next.text);
    if (next.text.includes('Approve sign in request')) {
      const mfa = parseForm(next.text);
      next = await browse(emu, 'POST', mfa.action, { ...mfa.fields, action: 'approve' });
      seen.pages.push(next.text);
    }
    const result = parseForm(next.text);
    // Like a browser, deliver asynchronously: msal awaits openBrowser before it listens for the answer.
    setTimeout(() => void postToLoopback(result.action, result.fields).catch(() => undefined), 10);
  };
}
