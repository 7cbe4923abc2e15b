/** Safe ways to put text into PowerShell source. Every generated string goes through one of these. */

/** A single-quoted literal: nothing inside is expanded ($(), backticks, variables stay text). */
export function psString(text: string): string {
  return `'${text.replace(/['\u2018\u2019\u201a\u201b]/g, (q) => q + q)}'`;
}

/** Text inside XML (the format, types and help files). */
export function xmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** PowerShell identifiers we generate (parameter, function names) must be plain. */
export function psIdentifier(name: string): string {
  if (!/^[A-Za-z][A-Za-z0-9-]*$/.test(name)) throw new Error(`Not a safe PowerShell name: ${JSON.stringify(name)}`);
  return name;
}
