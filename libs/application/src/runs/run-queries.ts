import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EventStore } from '@trustsim/event-store';
import { EVENT_STORE } from '../tokens';
import { diffRuns, RunDiff, RunListing, StoredRun, StoredRuns } from './stored-runs';

/** `trustsim runs` */
export class ListRunsCommand {}

/** `trustsim show <run>` */
export class ShowRunCommand {
  constructor(readonly run: string) {}
}

/** `trustsim diff <runA> <runB>` */
export class DiffRunsCommand {
  constructor(
    readonly a: string,
    readonly b: string,
  ) {}
}

@CommandHandler(ListRunsCommand)
export class ListRunsHandler implements ICommandHandler<ListRunsCommand, RunListing[]> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}
  execute(): Promise<RunListing[]> {
    return new StoredRuns(this.store).list();
  }
}

@CommandHandler(ShowRunCommand)
export class ShowRunHandler implements ICommandHandler<ShowRunCommand, StoredRun> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}
  execute(command: ShowRunCommand): Promise<StoredRun> {
    return new StoredRuns(this.store).load(command.run);
  }
}

@CommandHandler(DiffRunsCommand)
export class DiffRunsHandler implements ICommandHandler<DiffRunsCommand, RunDiff> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}
  async execute(command: DiffRunsCommand): Promise<RunDiff> {
    const runs = new StoredRuns(this.store);
    return diffRuns(await runs.load(command.a), await runs.load(command.b));
  }
}
