/** Safe ways to put text into the generated C# (Cmdlets.g.cs). Every generated string goes through one of these. */

/**
 * A regular string literal: quotes, backslashes and control characters escaped, and the
 * characters C# takes as line ends (U+0085, U+2028, U+2029), which may not stand in a literal.
 */
export function csString(text: string): string {
  return `"${text.replace(/[\\"\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => (c === '\\' || c === '"' ? `\\${c}` : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`))}"`;
}

/**
 * A verbatim literal, for regular expressions: a backslash stays a backslash, so the pattern
 * reaches .NET's regex engine as the registry wrote it. Only a quote needs doubling.
 */
export function csVerbatim(text: string): string {
  if (/[\r\n\u0085\u2028\u2029]/.test(text)) throw new Error(`A pattern with a line end cannot be a verbatim literal: ${JSON.stringify(text)}`);
  return `@"${text.replace(/"/g, '""')}"`;
}

/** C# identifiers we generate (class and property names) must be plain. */
export function csIdentifier(name: string): string {
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(name)) throw new Error(`Not a safe C# name: ${JSON.stringify(name)}`);
  return name;
}
