/**
 * Enable-/Disable-MyContextAutosave and Get-MyContextAutosaveSetting: Az's autosave cmdlets.
 * How autosave off works (a session folder copied from the state folder, its own keyring
 * entries, removed when the shell ends) is explained in src/autosave/autosave.ts.
 */
import { defineCommand, type CommandDefinition, type JsonSchema } from '../../core/command.js';
import type { CommandContext } from '../../core/context.js';
import {
  AUTOSAVE_ORIGIN_VAR,
  AUTOSAVE_VAR,
  CONFIG_DIR_VAR,
  currentAutosave,
  openAutosaveSetting,
  readSessionMarker,
  savedMode,
  type AutosaveMode,
  type SessionMarker,
} from '../../autosave/autosave.js';
import { createSession, removeSession, sweepStaleSessions } from '../../autosave/session.js';
import { profileSpec } from '../../profile/profile.js';
import { CACHE_FILE } from '../../token-cache/token-cache.js';
import { scope } from '../schema/common.js';
import { processAlive } from '../../core/process-alive.js';

export const AUTOSAVE_TYPE = 'MyAccount.ContextAutosaveSettings';

type Scope = 'Process' | 'CurrentUser';

interface Input {
  Scope?: Scope;
  OwnerProcessId?: number;
}

/** Az's ContextAutosaveSettings, plus where this shell's session copy is (null with autosave on). */
export interface AutosaveView {
  Mode: AutosaveMode;
  ContextDirectory: string;
  ContextFile: string;
  CacheDirectory: string;
  CacheFile: string;
  Settings: Record<string, string>;
  SessionDirectory: string | null;
}

const output: JsonSchema = {
  type: 'object',
  'x-ps-type': AUTOSAVE_TYPE,
  properties: {
    Mode: { type: 'string', enum: ['CurrentUser', 'Process'], description: 'CurrentUser: context changes and tokens are saved in the state folder. Process: they live in this process (and its children) only.' },
    ContextDirectory: { type: 'string', description: 'The state folder, where contexts are saved when autosave is on.' },
    ContextFile: { type: 'string' },
    CacheDirectory: { type: 'string' },
    CacheFile: { type: 'string', description: 'The token cache file (on Linux and macOS the stamp beside the keyring entry).' },
    Settings: { type: 'object' },
    SessionDirectory: { type: ['string', 'null'], description: 'With autosave off in this shell: the private copy commands work in, removed when the shell ends.' },
  },
  required: ['Mode', 'ContextDirectory', 'ContextFile', 'CacheDirectory', 'CacheFile', 'Settings', 'SessionDirectory'],
};

const table = [
  { header: 'Mode', path: 'Mode' },
  { header: 'ContextDirectory', path: 'ContextDirectory' },
  { header: 'SessionDirectory', path: 'SessionDirectory' },
];

function view(mode: AutosaveMode, stateDir: string, sessionDir: string | null): AutosaveView {
  return { Mode: mode, ContextDirectory: stateDir, ContextFile: profileSpec.fileName, CacheDirectory: stateDir, CacheFile: CACHE_FILE, Settings: {}, SessionDirectory: sessionDir };
}

const scopeInput = (what: string) =>
  scope(`CurrentUser (default): ${what} for every new shell, saved in the state folder. Process: this shell and the processes it starts only.`);

/**
 * bash's $(...) may run the CLI in a subshell that ends at once; the session would then be swept
 * as ownerless. `--owner-process-id $$` names the shell. The module needs none: its CLI's parent is the session.
 */
const ownerInput: JsonSchema = {
  type: 'integer',
  minimum: 1,
  maximum: 4194304,
  description: 'The process whose session this is (bash: $$). Default: the process that started myaccount.',
  'x-ps': { cliOnly: true },
};

/** Leaves this shell's session: removed if this shell owns it; the caller's variables restored. */
async function endSession(sessionDir: string, marker: SessionMarker, ctx: CommandContext): Promise<void> {
  // A child of the session's shell leaves it; only its owner (or, once the owner is gone, its
  // watcher) removes it: the owner may still be working there.
  if (marker.ownerPid === process.ppid || !processAlive(marker.ownerPid)) await removeSession(sessionDir);
  ctx.setProcessVariable(CONFIG_DIR_VAR, marker.originConfigDirVar);
  ctx.setProcessVariable(AUTOSAVE_ORIGIN_VAR, null);
  ctx.setProcessVariable(AUTOSAVE_VAR, null);
}

export const enableContextAutosave = defineCommand<Input, AutosaveView>({
  name: 'enable-context-autosave',
  cmdlet: 'Enable-MyContextAutosave',
  summary: 'Save context changes and sign-ins in the state folder again (the default).',
  description:
    'Turns autosave on. CurrentUser (the default) saves the setting for every new shell; a shell that turned autosave off for itself (-Scope Process) keeps it off until Enable-MyContextAutosave -Scope Process. ' +
    "Process ends this shell's session copy: the contexts and tokens it held are discarded (save one first with save-context if you need it), and commands use the state folder again.",
  examples: [
    { description: 'Save contexts again in every new shell.', cli: 'myaccount enable-context-autosave', powershell: 'Enable-MyContextAutosave' },
    { description: "End this shell's session copy.", cli: 'eval "$(myaccount enable-context-autosave --scope Process --output env)"', powershell: 'Enable-MyContextAutosave -Scope Process' },
  ],
  input: { type: 'object', additionalProperties: false, properties: { Scope: scopeInput('autosave on') } },
  output,
  outputType: AUTOSAVE_TYPE,
  table,
  async handler(input, ctx) {
    // Read before sweeping: this shell's own session may be among the swept (its owner gone).
    const now = currentAutosave(ctx.configDir, ctx.env);
    const marker = now.sessionDir ? readSessionMarker(now.sessionDir) : null;
    await sweepStaleSessions();
    if (input.Scope === 'Process') {
      if (marker) await endSession(now.sessionDir!, marker, ctx);
      else if (now.lostSession) {
        // The session folder is gone; its origin is all that is left to go back to.
        ctx.setProcessVariable(CONFIG_DIR_VAR, now.stateDir);
        ctx.setProcessVariable(AUTOSAVE_ORIGIN_VAR, null);
      }
      // With CurrentUser off, this shell says it keeps autosave on regardless.
      const saved = await savedMode(now.stateDir, ctx.clock);
      ctx.setProcessVariable(AUTOSAVE_VAR, saved === 'Process' ? 'On' : null);
      return view('CurrentUser', now.stateDir, null);
    }
    await openAutosaveSetting(now.stateDir, ctx.clock).update((current) => ({ next: { ...current, mode: 'CurrentUser' }, result: undefined }));
    if (now.sessionDir) {
      ctx.report.warning(`Autosave is on for new shells. This shell still works in its session copy (${now.sessionDir}) until Enable-MyContextAutosave -Scope Process, as a Process choice wins over CurrentUser.`);
      return view('Process', now.stateDir, now.sessionDir);
    }
    if (ctx.env[AUTOSAVE_VAR] === 'On') ctx.setProcessVariable(AUTOSAVE_VAR, null);
    return view('CurrentUser', now.stateDir, null);
  },
});

export const disableContextAutosave = defineCommand<Input, AutosaveView>({
  name: 'disable-context-autosave',
  cmdlet: 'Disable-MyContextAutosave',
  summary: 'Keep context changes and sign-ins in this process only, never in the state folder (for CI).',
  description:
    'Turns autosave off. Process: this shell (and the processes it starts) works in a private copy of the state folder (0700, in the temp folder) with its own token cache, removed when the PowerShell session ends or by Enable-MyContextAutosave -Scope Process; nothing it does changes the state folder. ' +
    'CurrentUser (the default): saved for every new shell; each PowerShell session then starts its own copy, and a bare CLI call works in a copy removed when it ends. Nothing stored is deleted: use clear-context for that.',
  examples: [
    { description: 'Sign-ins and context changes in this shell stay in this shell.', cli: 'eval "$(myaccount disable-context-autosave --scope Process --owner-process-id $$ --output env)"', powershell: 'Disable-MyContextAutosave -Scope Process' },
    { description: 'Turn autosave off for every new shell.', cli: 'myaccount disable-context-autosave', powershell: 'Disable-MyContextAutosave' },
  ],
  input: { type: 'object', additionalProperties: false, properties: { Scope: scopeInput('autosave off'), OwnerProcessId: ownerInput } },
  output,
  outputType: AUTOSAVE_TYPE,
  table,
  async handler(input, ctx) {
    const now = currentAutosave(ctx.configDir, ctx.env);
    if (input.Scope === 'Process') {
      if (now.sessionDir) return view('Process', now.stateDir, now.sessionDir);
      const dir = await createSession(now.stateDir, input.OwnerProcessId ?? process.ppid, ctx.env, ctx.clock.now());
      ctx.setProcessVariable(CONFIG_DIR_VAR, dir);
      ctx.setProcessVariable(AUTOSAVE_VAR, 'Off');
      ctx.setProcessVariable(AUTOSAVE_ORIGIN_VAR, now.stateDir);
      return view('Process', now.stateDir, dir);
    }
    await sweepStaleSessions();
    await openAutosaveSetting(now.stateDir, ctx.clock).update((current) => ({ next: { ...current, mode: 'Process' }, result: undefined }));
    // A Process "On" in this shell would keep overriding the new setting here.
    if (ctx.env[AUTOSAVE_VAR] === 'On') ctx.setProcessVariable(AUTOSAVE_VAR, null);
    return view('Process', now.stateDir, now.sessionDir);
  },
});

export const getContextAutosaveSetting = defineCommand<Input, AutosaveView>({
  name: 'get-context-autosave-setting',
  cmdlet: 'Get-MyContextAutosaveSetting',
  summary: 'Show whether context changes are saved, and where.',
  description:
    'Mode CurrentUser: context changes, sign-ins and tokens are saved in the state folder. Mode Process: they live in this process only (SessionDirectory is the copy this shell works in). ' +
    'Without -Scope, what is in effect here; -Scope CurrentUser: the saved setting for new shells; -Scope Process: this shell.',
  examples: [{ description: 'Is autosave on here?', cli: 'myaccount get-context-autosave-setting', powershell: 'Get-MyContextAutosaveSetting' }],
  input: { type: 'object', additionalProperties: false, properties: { Scope: scope('CurrentUser: the saved setting. Process (or none): what is in effect in this shell.') } },
  output,
  outputType: AUTOSAVE_TYPE,
  table,
  async handler(input, ctx) {
    const now = currentAutosave(ctx.configDir, ctx.env);
    const saved = await savedMode(now.stateDir, ctx.clock);
    if (input.Scope === 'CurrentUser') return view(saved, now.stateDir, null);
    const effective: AutosaveMode = now.sessionDir ? 'Process' : now.processOverride === 'On' ? 'CurrentUser' : saved;
    return view(effective, now.stateDir, now.sessionDir);
  },
});

export const autosaveCommands: CommandDefinition<any, any>[] = [enableContextAutosave, disableContextAutosave, getContextAutosaveSetting];

/** Commands that act on the state folder itself, never on a per-process copy. */
export const AUTOSAVE_COMMAND_NAMES = new Set(autosaveCommands.map((c) => c.name));
