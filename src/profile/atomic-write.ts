/**
 * Atomic, private file writes (temp file in the same folder, fsync, rename, mode 0600).
 * write-file-atomic is loaded on first use: commands that only read never pay for it.
 */
export async function writePrivateFileAtomically(path: string, text: string): Promise<void> {
  const { default: writeFileAtomic } = await import('write-file-atomic');
  await writeFileAtomic(path, text, { mode: 0o600, fsync: true });
}
