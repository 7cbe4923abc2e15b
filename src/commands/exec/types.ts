/** exec's input and result, shared by its declaration and its runner. */
export interface ExecInput {
  ContextName?: string;
  TenantId?: string;
  /** The command line after "--": the program, then its arguments, untouched. */
  Command: string[];
}

/** Not printed: the CLI exits with it (the command's own code, or 128 + the signal's number). */
export interface ExecResult {
  exitCode: number;
}
