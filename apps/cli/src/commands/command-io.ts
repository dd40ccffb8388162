/** What a command registered on the CLI may do: print, and set the exit code runCli returns. */
export interface CommandIo {
  out(text: string): void;
  err(text: string): void;
  /** Sets the process's exit code (runCli's return value); without it, process.exitCode. */
  exit?(code: number): void;
}

export function setExit(io: CommandIo, code: number): void {
  if (io.exit) io.exit(code);
  else process.exitCode = code;
}
