/** Turns a result into the one document stdout carries, in the format asked for. */
import type { TableColumn } from './command.js';
import type { OutputFormat } from './globals.js';
import { envLines, type Shell } from './shell.js';
import { forCell, jsonForTerminal } from './terminal-text.js';

function at(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(cell).join(',');
  // Control characters from ARM/Entra names would drive the terminal: shown as escapes instead.
  if (typeof value === 'object') return forCell(JSON.stringify(value));
  return forCell(String(value));
}

function rowsOf(result: unknown): unknown[] {
  if (result === null || result === undefined) return [];
  return Array.isArray(result) ? result : [result];
}

function columnsFor(result: unknown, table: TableColumn[] | undefined): TableColumn[] {
  if (table?.length) return table;
  const first = rowsOf(result)[0];
  if (first && typeof first === 'object') return Object.keys(first).map((k) => ({ header: k, path: k }));
  return [{ header: 'Value', path: '' }];
}

function valueAt(row: unknown, path: string): unknown {
  return path === '' ? row : at(row, path);
}

/** Table cells are for reading at a terminal; long text is cut (json and tsv keep it whole). */
const MAX_CELL = 60;
function fit(text: string): string {
  return text.length > MAX_CELL ? `${text.slice(0, MAX_CELL - 1)}…` : text;
}

export function renderTable(result: unknown, table: TableColumn[] | undefined): string {
  const rows = rowsOf(result);
  if (rows.length === 0) return '';
  const columns = columnsFor(result, table);
  const cells = rows.map((row) => columns.map((c) => fit(cell(valueAt(row, c.path)))));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((r) => r[i].length)));
  const line = (values: string[]): string => values.map((v, i) => v.padEnd(widths[i])).join('  ').trimEnd();
  return [line(columns.map((c) => c.header)), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n') + '\n';
}

/**
 * A value inside a tsv row, as az prints it (Python's str() of it): True/False, None, a list as
 * its length, an object as nothing.
 */
function tsvValue(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (Array.isArray(value)) return String(value.length);
  if (typeof value === 'object') return '';
  return forCell(String(value));
}

/**
 * az's tsv (azure-cli 2.45, knack): a line per row, the rows being the elements of a list result
 * or the result itself. An object row gives its values in their order, a list row its elements
 * (tsvValue each); a row that is one value prints as JSON spells it (true, not True) and None
 * for null; a null result prints nothing. `table` (MyAccount's own commands without --query)
 * picks the columns of an object row; az-shaped results print every field, as az does.
 */
export function renderTsv(result: unknown, table: TableColumn[] | undefined): string {
  if (result === null || result === undefined) return '';
  const line = (row: unknown): string => {
    if (Array.isArray(row)) return row.map(tsvValue).join('\t');
    if (row !== null && typeof row === 'object') {
      const values = table?.length ? table.map((c) => valueAt(row, c.path)) : Object.values(row);
      return values.map(tsvValue).join('\t');
    }
    if (row === null || row === undefined) return 'None';
    return forCell(String(row));
  };
  return rowsOf(result).map((row) => `${line(row)}\n`).join('');
}

/** Lines that apply Process-scope changes in the caller's shell: `eval "$(myaccount … --output env)"` and the like. */
export function renderEnv(variables: ReadonlyMap<string, string | null>, shell: Shell = 'bash'): string {
  return envLines(shell, variables).map((line) => `${line}\n`).join('');
}

export function renderResult(format: OutputFormat, result: unknown, table: TableColumn[] | undefined, variables: ReadonlyMap<string, string | null>, shell: Shell = 'bash'): string {
  switch (format) {
    case 'table':
      return renderTable(result, table);
    case 'tsv':
      return renderTsv(result, table);
    case 'env':
      return renderEnv(variables, shell);
    case 'none':
      return '';
    default:
      return jsonForTerminal(JSON.stringify(result ?? null, null, 2)) + '\n';
  }
}
