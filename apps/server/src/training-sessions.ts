import { BeforeApplicationShutdown, HttpException, HttpStatus, Injectable, NotFoundException } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { randomBytes } from 'node:crypto';
import { OpenTrainingSession, StartTrainingCommand, STATUSES, type ShellReply } from '@trustsim/application';
import type { PhoneOutcome } from '@trustsim/domain';
import { ScenarioLibrary } from './library';
import { LIMITS } from './studio-options';
import { decodeTrustFile, type DecodedTrustFile } from './trust-file-json';

export interface TrainingReply {
  /** What the console prints, as the terminal shell would. */
  lines: string[];
  trust_files: (DecodedTrustFile & { label: string })[];
  /** The step the command became, with phones per status after it (absent for a command that is not a step). */
  entry: ShellReply['entry'] | null;
  /** `status`: phones per status in each group. */
  groups: { cluster: string; group: string; counts: Record<string, number> }[] | null;
  closed: boolean;
}

interface Session {
  id: string;
  path: string;
  file: string;
  open: OpenTrainingSession;
  lastUsed: number;
  /** Commands run one at a time, in the order typed. */
  queue: Promise<unknown>;
  closed: boolean;
}

/** Idle sessions end after this long (the run stays in the store). */
const IDLE_MS = 2 * 60 * 60 * 1000;

/**
 * Training sessions of the studio: the training shell of `trustsim shell` (StartTrainingCommand on the
 * CommandBus), one per trainee console, each storing its steps in a run of its own. `save` writes no file
 * on the server: the console downloads the session as YAML instead.
 */
@Injectable()
export class TrainingSessions implements BeforeApplicationShutdown {
  private readonly sessions = new Map<string, Session>();
  private readonly sweeper = setInterval(() => this.sweep(), 60_000).unref();

  constructor(
    private readonly commands: CommandBus,
    private readonly library: ScenarioLibrary,
  ) {}

  async start(path: string): Promise<{ id: string; run_id: string; path: string; prompt: string }> {
    const file = this.library.resolve(path);
    if ([...this.sessions.values()].filter((s) => !s.closed).length >= LIMITS.trainingSessions) {
      throw new HttpException({ statusCode: 429, error: 'Too Many Requests', message: `${LIMITS.trainingSessions} training sessions are open; close one first` }, HttpStatus.TOO_MANY_REQUESTS);
    }
    const open: OpenTrainingSession = await this.commands.execute(new StartTrainingCommand(file));
    const id = randomBytes(9).toString('base64url');
    const relative = this.library.relativeOf(file)!;
    this.sessions.set(id, { id, path: relative, file, open, lastUsed: Date.now(), queue: Promise.resolve(), closed: false });
    return { id, run_id: open.runId, path: relative, prompt: open.session.prompt };
  }

  describe(id: string): { id: string; run_id: string; path: string; prompt: string; closed: boolean } {
    const s = this.session(id);
    return { id, run_id: s.open.runId, path: s.path, prompt: s.open.session.prompt, closed: s.closed };
  }

  /** One line typed in the console. */
  execute(id: string, line: string): Promise<TrainingReply & { prompt: string }> {
    const s = this.live(id);
    const work = s.queue.then(async () => {
      const word = line.trim().split(/\s+/)[0]?.toLowerCase();
      if (word === 'save') return { ...empty(), lines: ['use "Save as scenario" to download this session as a scenario file'], prompt: s.open.session.prompt };
      if (word === 'quit' || word === 'exit') {
        await this.close(id);
        return { ...empty(), lines: ['session closed; its run stays in the store'], closed: true, prompt: s.open.session.prompt };
      }
      const reply = await s.open.session.execute(line);
      return {
        lines: reply.lines,
        trust_files: (reply.trustFiles ?? []).map((f) => ({ label: f.label, ...decodeTrustFile(f.bytes) })),
        entry: reply.entry ?? null,
        groups: reply.outcomes ? groupCounts(reply.outcomes) : null,
        closed: false,
        prompt: s.open.session.prompt,
      };
    });
    s.queue = work.catch(() => undefined);
    return work;
  }

  /** The session so far as a scenario file. */
  yaml(id: string): { name: string; yaml: string } {
    const s = this.session(id);
    return { name: s.path.split('/').pop()!.replace(/\.ya?ml$/i, '-session.yaml'), yaml: s.open.session.toYaml() };
  }

  /** The library file the session started from (its model answer). */
  path(id: string): string {
    return this.session(id).path;
  }

  runId(id: string): string {
    return this.session(id).open.runId;
  }

  /** Settles the session's background work and closes its run. */
  async close(id: string): Promise<void> {
    const s = this.session(id);
    if (s.closed) return;
    s.closed = true;
    await s.open.close();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.sweeper);
    await Promise.allSettled([...this.sessions.keys()].map((id) => this.close(id)));
  }

  private session(id: string): Session {
    const s = this.sessions.get(id);
    if (!s) throw new NotFoundException(`no training session ${id}`);
    s.lastUsed = Date.now();
    return s;
  }

  private live(id: string): Session {
    const s = this.session(id);
    if (s.closed) throw new HttpException({ statusCode: 409, error: 'Conflict', message: `training session ${id} is closed; start another` }, HttpStatus.CONFLICT);
    return s;
  }

  private sweep(): void {
    for (const s of this.sessions.values()) if (!s.closed && Date.now() - s.lastUsed > IDLE_MS) void this.close(s.id).catch(() => undefined);
  }
}

function empty(): TrainingReply {
  return { lines: [], trust_files: [], entry: null, groups: null, closed: false };
}

function groupCounts(outcomes: readonly PhoneOutcome[]): TrainingReply['groups'] {
  const groups = new Map<string, { cluster: string; group: string; counts: Record<string, number> }>();
  for (const o of outcomes) {
    const key = `${o.cluster}/${o.group}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { cluster: o.cluster, group: o.group, counts: Object.fromEntries(STATUSES.map((st) => [st, 0])) }));
    g.counts[o.status]++;
  }
  return [...groups.values()];
}
