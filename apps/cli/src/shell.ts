import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { TrainingSession } from '@trustsim/application';
import { outcomeTable } from './format';
import { showTrustFile } from './itl-show';

/** The read-eval-print loop of `trustsim shell`: one command per line, until `quit` or end of input. */
export async function runShell(session: TrainingSession, input: Readable, out: (s: string) => void): Promise<void> {
  const interactive = (input as { isTTY?: boolean }).isTTY === true;
  const rl = createInterface({ input, output: interactive ? process.stdout : undefined, terminal: interactive });
  out('trustsim training shell — type help for the commands, quit to leave');
  if (interactive) {
    rl.setPrompt(session.prompt);
    rl.prompt();
  }
  for await (const line of rl) {
    if (!interactive) out(`${session.prompt}${line}`);
    const reply = await session.execute(line);
    for (const l of reply.lines) out(l);
    for (const f of reply.trustFiles ?? []) out(showTrustFile(f.bytes, f.label).text);
    if (reply.outcomes) out(outcomeTable(reply.outcomes));
    if (reply.quit) break;
    if (interactive) {
      rl.setPrompt(session.prompt);
      rl.prompt();
    }
  }
  rl.close();
}
