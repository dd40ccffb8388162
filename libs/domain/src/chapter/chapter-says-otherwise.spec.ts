import { parseRelease } from '../release/release';
import { chapterFactOf, chapterSaysOtherwise, type ChapterFact, type NotedOutcome } from './chapter-says-otherwise';

const release = (text: string) => () => parseRelease(text);
const phones = (n: number, status: NotedOutcome['status'], needsManualTrustListDelete = false, model = 'CP-8845'): NotedOutcome[] =>
  Array.from({ length: n }, () => ({ cluster: 'hq', group: 'floor1', model, status, needsManualTrustListDelete }));

const restoreAfter = (purposes: string[], trustedBefore = 100): ChapterFact[] => [
  { kind: 'backup', cluster: 'hq', name: 'last-month' },
  ...purposes.map((purpose) => ({ kind: 'regenerated' as const, cluster: 'hq', node: 'pub', purpose })),
  { kind: 'trusted-before-restore', cluster: 'hq', phones: trustedBefore },
  { kind: 'restore', cluster: 'hq', name: 'last-month' },
];

describe('where the chapter says otherwise (issue 14)', () => {
  it('[chapter] [SCN] given a backup older than a CallManager regeneration on 11.5 and phones that took the new ITL, when the old backup is restored and they recover, then the note names the chapter and why TVS let them', () => {
    const [note, ...rest] = chapterSaysOtherwise(restoreAfter(['CallManager']), release('11.5(1)SU9'), phones(100, 'trusted'));
    expect(rest).toEqual([]);
    expect(note).toMatchObject({ id: 'restore-without-regenerated-certificates', cluster: 'hq', groups: ['hq/floor1'], phones: 100 });
    expect(note.chapter).toMatch(/must manually unlock each phone/);
    expect(note.simulation).toMatch(/TVS was not regenerated/);
  });

  it('[chapter] agrees when the phones end locked (TVS regenerated too): no note', () => {
    expect(chapterSaysOtherwise(restoreAfter(['TVS', 'CallManager']), release('11.5(1)SU9'), phones(100, 'locked', true))).toEqual([]);
  });

  it('[SITL10] no note when no phone had taken the new certificates: restoring the old backup is the documented recovery', () => {
    expect(chapterSaysOtherwise(restoreAfter(['TVS', 'CallManager'], 0), release('11.5(1)SU9'), phones(100, 'trusted'))).toEqual([]);
  });

  it('[SREGEN] from 12.0 the reason is the ITLRecovery signer the restore did not change', () => {
    const [note] = chapterSaysOtherwise(restoreAfter(['TVS', 'CallManager']), release('14SU2'), phones(10, 'trusted'));
    expect(note.simulation).toMatch(/signed by ITLRecovery/);
  });

  it('[chapter] [SREGEN] TFTP certificate not last on 14: TVS regenerated after CallManager before any reset wave, phones fine → note; with a wave between, or before 12.0, none', () => {
    const cmThenTvs: ChapterFact[] = [
      { kind: 'regenerated', cluster: 'hq', node: 'pub', purpose: 'CallManager' },
      { kind: 'regenerated', cluster: 'hq', node: 'pub', purpose: 'TVS' },
    ];
    expect(chapterSaysOtherwise(cmThenTvs, release('14SU2'), phones(5, 'trusted')).map((n) => n.id)).toEqual(['tftp-certificate-not-last']);
    expect(chapterSaysOtherwise([cmThenTvs[0], { kind: 'reset-wave', cluster: 'hq' }, cmThenTvs[1]], release('14SU2'), phones(5, 'trusted'))).toEqual([]);
    expect(chapterSaysOtherwise(cmThenTvs, release('11.5(1)SU9'), phones(5, 'trusted'))).toEqual([]);
    // [SHOST] a hostname change regenerates them all by itself: not the administrator's order the chapter speaks of
    expect(chapterSaysOtherwise(cmThenTvs.map((f) => ({ ...f, during: 'hostname-change' })), release('14SU2'), phones(5, 'trusted'))).toEqual([]);
  });

  it('devices without Security by Default do not count as phones the chapter is wrong about', () => {
    expect(chapterSaysOtherwise(restoreAfter(['CallManager']), release('11.5(1)SU9'), phones(10, 'trusted', false, 'CP-7960'))).toEqual([]);
  });

  it('reads its facts from the cluster side\'s events', () => {
    expect(chapterFactOf('node', 'hq.sub1', { type: 'CertRegenerated', data: { purpose: 'TVS' } })).toEqual({ kind: 'regenerated', cluster: 'hq', node: 'sub1', purpose: 'TVS' });
    expect(chapterFactOf('cluster', 'hq', { type: 'BackupRestored', data: { name: 'b' } })).toEqual({ kind: 'restore', cluster: 'hq', name: 'b' });
    expect(chapterFactOf('tftp', 'hq.pub', { type: 'ItlResigned', data: {} })).toBeUndefined();
  });
});
