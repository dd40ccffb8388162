import { Injectable } from '@nestjs/common';
import { ICommand, IEvent, ofType, Saga } from '@nestjs/cqrs';
import { Observable, EMPTY, of } from 'rxjs';
import { mergeMap } from 'rxjs/operators';
import { changeRebuildsItl } from '@trustsim/domain';
import { CertRegenerated, ItlResigned } from '../events/certificate-events';
import { RebuildItlCommand } from '../commands/rebuild-itl.command';
import { ScheduleAutomaticResetsCommand } from '../commands/schedule-automatic-resets.command';

/**
 * CertRegenerated → rebuild the ITL → ItlResigned → automatic phone resets.
 * A saga whose pipe throws is finished for good (stack-notes.md), so each step maps defensively and
 * lets the command handlers report problems to the run.
 */
@Injectable()
export class CertificateChangeSagas {
  @Saga()
  itlFollowsCertificates = (events$: Observable<IEvent>): Observable<ICommand> =>
    events$.pipe(
      ofType(CertRegenerated),
      mergeMap((e) => (changeRebuildsItl(e.purpose) ? of(new RebuildItlCommand(e.runId, e.cluster, e.node, e.purpose)) : EMPTY)),
    );

  @Saga()
  phonesFollowTheItl = (events$: Observable<IEvent>): Observable<ICommand> =>
    events$.pipe(
      ofType(ItlResigned),
      mergeMap((e) => (e.certificateUpdate ? of(new ScheduleAutomaticResetsCommand(e.runId, e.cluster, e.certificateUpdate)) : EMPTY)),
    );
}
