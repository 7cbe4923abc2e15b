/**
 * A command on a real pseudo-terminal, through the system's `script`: util-linux on Linux
 * (`script -qfec CMD /dev/null`), BSD on macOS (`script -qF /dev/null sh -c CMD`). Windows has no
 * `script`; the suites that need a terminal are left out there by name (test/helpers/platform.cjs).
 */
export function onPseudoTerminal(command: string): { file: string; args: string[] } {
  if (process.platform === 'linux') return { file: 'script', args: ['-qfec', command, '/dev/null'] };
  if (process.platform === 'darwin') return { file: 'script', args: ['-qF', '/dev/null', 'sh', '-c', command] };
  throw new Error(`No pseudo-terminal helper on ${process.platform}: this suite should be left out here (test/helpers/platform.cjs).`);
}
