/**
 * Everything for the person goes to stderr, never stdout. With `--events jsonl` each line is a
 * JSON event the PowerShell module maps to Write-Warning, Write-Progress, Write-Verbose,
 * Write-Debug and Write-Information; otherwise lines are plain text.
 */
import { forTerminal } from './terminal-text.js';

export type EventType = 'warning' | 'verbose' | 'debug' | 'information' | 'progress' | 'deviceCode' | 'environment';

export interface ProgressEvent {
  activity: string;
  status?: string;
  percentComplete?: number;
  completed?: boolean;
}

export interface Reporter {
  /** Whether debug lines are shown, so costly diagnostics (MSAL's verbose log) run only then. */
  readonly debugEnabled?: boolean;
  warning(message: string): void;
  verbose(message: string): void;
  debug(message: string): void;
  information(message: string, data?: Record<string, unknown>): void;
  progress(progress: ProgressEvent): void;
  /** Any other structured event (device code instructions, environment changes). */
  event(type: EventType, payload: Record<string, unknown>, text: string): void;
}

export interface ReporterOptions {
  format: 'text' | 'jsonl';
  verbose: boolean;
  debug: boolean;
  write: (line: string) => void;
}

export function createReporter(options: ReporterOptions): Reporter {
  const { format, write } = options;
  const emit = (type: EventType, payload: Record<string, unknown>, text: string | null): void => {
    if (format === 'jsonl') write(JSON.stringify({ type, ...payload }) + '\n');
    // Plain text goes to a person's terminal; messages quote names from ARM/Entra (jsonl stays exact).
    else if (text !== null) write(forTerminal(text) + '\n');
  };
  return {
    debugEnabled: options.debug,
    warning: (message) => emit('warning', { message }, `WARNING: ${message}`),
    verbose: (message) => {
      if (options.verbose || options.debug) emit('verbose', { message }, `VERBOSE: ${message}`);
    },
    debug: (message) => {
      if (options.debug) emit('debug', { message }, `DEBUG: ${message}`);
    },
    information: (message, data) => emit('information', { message, ...(data ?? {}) }, message),
    progress: (p) => {
      // Plain-text progress would interleave with other output in logs; only events carry it.
      emit('progress', { ...p }, null);
    },
    event: (type, payload, text) => emit(type, payload, text),
  };
}
