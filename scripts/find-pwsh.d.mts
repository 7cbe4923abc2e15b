/** The pwsh executable, or null when there is none (see find-pwsh.mjs). */
export function findPwsh(): string | null;
