/**
 * Text for a terminal. Names come from ARM and Entra (subscription, tenant, account display
 * names), which anyone who can create a subscription or a guest invitation controls; printed raw,
 * an ESC sequence in one recolours, retitles or rewrites the screen, and BEL rings the bell.
 * The views for people (table, tsv, plain stderr text) show such characters as visible escapes
 * (`\x1b`, `\u202e`); JSON carries the exact text, escaped by JSON itself.
 */

/**
 * C0 controls except tab, newline and carriage return (callers decide those), DEL, C1 controls
 * (0x9b alone is a CSI on many terminals), and the bidi overrides and isolates that reorder what
 * is shown ("Trojan Source").
 */
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const visible = (ch: string): string => {
  const code = ch.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
};

/** The text with every control character shown as an escape; tab and line breaks kept. */
export function forTerminal(text: string): string {
  return text.replace(UNSAFE, visible);
}

/** As forTerminal, for one table or tsv cell: tab and line breaks become spaces as well. */
export function forCell(text: string): string {
  return forTerminal(text).replace(/[\t\r\n]/g, ' ');
}

/**
 * JSON.stringify escapes only U+0000–U+001F; DEL, C1 controls and bidi overrides stay raw, and a
 * JSON document printed at a terminal would still act on them. As \uXXXX they are the same JSON
 * value, so programs read the exact text.
 */
export function jsonForTerminal(json: string): string {
  return json.replace(/[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The same character class for PowerShell's regex (.NET), so the module's views match the CLI's. */
export const UNSAFE_DOTNET_CLASS = '[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F\\u202A-\\u202E\\u2066-\\u2069]';
