/**
 * Secrets given as flags (--client-secret, --password, --certificate-password, --federated-token,
 * --access-token, --credential) sit in the process's argument list, which other users of the
 * machine can read (ps, /proc/<pid>/cmdline, Process Explorer, WMI's Win32_Process.CommandLine)
 * and which shells keep in their history. They are still accepted, as az and Connect-AzAccount
 * accept them, but the person is told once which ways keep them off the command line.
 */
import { existsSync } from 'node:fs';
import type { CommandDefinition } from './command.js';
import { toFlag } from './names.js';

/** The variables that can carry each secret instead (what plan.ts reads). */
const VARIABLE_FOR: Readonly<Record<string, string>> = {
  ClientSecret: 'AZURE_CLIENT_SECRET',
  CertificatePassword: 'AZURE_CLIENT_CERTIFICATE_PASSWORD',
  FederatedToken: 'AZURE_FEDERATED_TOKEN_FILE (a file, re-read when rotated)',
};

/** The secret properties that came from flags; none when the input came from --input-json. */
export function secretsGivenAsFlags(command: CommandDefinition<any, any>, argv: readonly string[], input: unknown): string[] {
  if (argv.some((a) => a === '--input-json' || a.startsWith('--input-json='))) return [];
  if (input === null || typeof input !== 'object') return [];
  const given = input as Record<string, unknown>;
  return Object.entries(command.input.properties)
    .filter(([name, schema]) => schema['x-ps']?.secret && given[name] !== undefined)
    // az login's -p is a secret or the path of a PEM file; a path is no secret.
    .filter(([name]) => !(typeof given[name] === 'string' && existsSync(given[name] as string)))
    .map(([name]) => name);
}

/** One warning for all of them: what is visible, and the ways that are not. */
export function secretFlagWarning(command: CommandDefinition<any, any>, names: readonly string[]): string {
  const flags = names.map((n) => `--${command.input.properties[n]['x-ps']?.flag ?? toFlag(n)}`);
  const variables = names.flatMap((n) => (VARIABLE_FOR[n] ? [VARIABLE_FOR[n]] : []));
  const ways = [
    `JSON on stdin (echo '{"${names[0]}":"..."}' | myaccount ${command.name} --input-json -, with the secret from a file or a secret store, not typed into the line)`,
    ...(variables.length ? [`the environment variable${variables.length > 1 ? 's' : ''} ${variables.join(', ')}`] : []),
    ...(names.includes('ClientSecret') ? ['leaving it out at a terminal, to be asked for it without echo'] : []),
  ];
  return `${flags.join(', ')} on the command line ${flags.length > 1 ? 'are' : 'is'} visible to other users of this machine (process lists) and kept in shell history. Ways that are not: ${ways.join('; ')}.`;
}
