/**
 * --query: a JMESPath expression (the language az's --query speaks) applied to a command's result
 * before --output renders it. The expression is compiled before the command runs, so a mistake
 * in it changes nothing; the library's errors carry no position, so it is found here.
 */
import { compile, isRegistered, search, tokenize, type JSONValue } from '@jmespath-community/jmespath';
import { fail } from './errors.js';
import { printable } from './validate.js';

/** az's JMESPath (Python) reads `foo` as the string "foo" where it is not JSON; so does ours. */
const OPTIONS = { enable_legacy_literals: true };

export interface Query {
  expression: string;
  apply(result: unknown): unknown;
}

function reason(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/^Syntax error:\s*/i, '');
}

/** Whether a compile error is only "the expression stopped here", i.e. a valid start of one. */
const endedEarly = (error: unknown): boolean => /\bEOF\b|end of JSON input/i.test(reason(error));

/**
 * The character (0-based) where the expression stops being JMESPath: the first token whose
 * prefix fails for a reason other than ending too early; else the end of the expression.
 */
export function errorPosition(expression: string): number {
  let tokens: { start: number }[];
  try {
    tokens = tokenize(expression, OPTIONS);
  } catch {
    // A lexer error: the longest prefix that still tokenizes ends where the bad character is.
    let good = 0;
    for (let end = 1; end <= expression.length; end++) {
      try {
        tokenize(expression.slice(0, end), OPTIONS);
        good = end;
      } catch (error) {
        if (!endedEarly(error)) break;
      }
    }
    return good;
  }
  for (let k = 0; k < tokens.length; k++) {
    const end = k + 1 < tokens.length ? tokens[k + 1].start : expression.length;
    try {
      compile(expression.slice(0, end), OPTIONS);
    } catch (error) {
      if (!endedEarly(error)) return tokens[k].start;
    }
  }
  return expression.length;
}

/** Function names in the compiled tree that JMESPath does not have: found now, not after the command ran. */
function unknownFunctions(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) unknownFunctions(n, found);
  else if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    if (record.type === 'Function' && typeof record.name === 'string' && !isRegistered(record.name)) found.push(record.name);
    for (const value of Object.values(record)) unknownFunctions(value, found);
  }
  return found;
}

export function compileQuery(expression: string): Query {
  const shown = printable(expression);
  let ast: unknown;
  try {
    ast = compile(expression, OPTIONS);
  } catch (error) {
    const position = errorPosition(expression);
    throw fail.InvalidQuery(`--query "${shown}" is not valid JMESPath at character ${position + 1}: ${reason(error)}.`, {
      target: 'query',
      details: [{ position, near: expression.slice(position, position + 20) }],
    });
  }
  const [unknown] = unknownFunctions(ast);
  if (unknown !== undefined) {
    const position = Math.max(0, expression.indexOf(`${unknown}(`));
    throw fail.InvalidQuery(`--query "${shown}" calls ${unknown}(), which JMESPath does not have (character ${position + 1}).`, { target: 'query', details: [{ position }] });
  }
  return {
    expression,
    apply(result) {
      try {
        // Round-trip through JSON: the query sees exactly the document --output json would print.
        return search(JSON.parse(JSON.stringify(result ?? null)) as JSONValue, expression, OPTIONS);
      } catch (error) {
        throw fail.InvalidQuery(`--query "${shown}" failed on the result: ${reason(error)}.`, { target: 'query' });
      }
    },
  };
}
