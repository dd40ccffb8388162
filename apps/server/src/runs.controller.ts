import { Body, Controller, Get, HttpStatus, MessageEvent, Param, Post, Query, Req, Res, Sse } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { from, Observable, switchMap } from 'rxjs';
import {
  CompactRunState,
  DiffRunsQuery,
  ExplainPhoneQuery,
  Explanation,
  ExportedTrustFile,
  ListRunsQuery,
  RunDiff,
  RunListing,
  RunOutline,
  RunOutlineQuery,
  RunPhoneOrder,
  RunPhoneOrderQuery,
  RunReport,
  RunStateQuery,
  ShowRunQuery,
  StoredRun,
  toRunReport,
  TrustFilesQuery,
} from '@trustsim/application';
import { ASSUMPTIONS, type AssumptionDefinition, type Assumptions } from '@trustsim/domain';
import type { Scenario } from '@trustsim/scenarios';
import { sendJson } from './json-response';
import { ScenarioLibrary } from './library';
import { openApiSchema, parseAt, runRequestSchema, ZodBody, type RunRequest } from './requests';
import { ProgressEvent, RunJobs } from './run-jobs';
import { ScenarioSources, type ScenarioSource } from './scenario-sources';
import { decodeTrustFile, type DecodedTrustFile } from './trust-file-json';

const AT = { name: 'at', required: false, description: 'after this step (1-based; 0 = installed); absent or `end`: as the run ended' };
const RUN = { name: 'id', description: 'run id, or a unique prefix of one (as `trustsim runs` lists them)' };
/** A diff names at most this many phones per change (the counts are always whole). */
const PHONES_PER_CHANGE = 50;

@ApiTags('runs')
@Controller('api/runs')
export class RunsController {
  constructor(
    private readonly queries: QueryBus,
    private readonly jobs: RunJobs,
    private readonly sources: ScenarioSources,
    private readonly library: ScenarioLibrary,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Run a library scenario or a YAML body (optionally with a seed, assumptions, or as a fork of a stored run after a step)' })
  @ApiBody({ schema: openApiSchema(runRequestSchema) })
  @ApiResponse({ status: 202, description: 'started (it has stored its first step): follow GET /api/runs/{id}/events' })
  @ApiResponse({ status: 201, description: 'with `wait`: ended, with its summary' })
  @ApiResponse({ status: 400, description: 'the scenario\'s problems at file:line:column (`issues`), a fork that does not match, an unknown assumption' })
  @ApiResponse({ status: 413, description: 'scenario over 1 MiB or certificate over 64 KiB' })
  async create(@Body(new ZodBody(runRequestSchema)) body: RunRequest, @Res({ passthrough: true }) res: Response) {
    const prepared = this.sources.prepare(body);
    const job = this.jobs.start(prepared, { seed: body.seed, assumptions: body.assumptions, fork: body.fork && { run: body.fork.run, afterStep: body.fork.step }, beyondCucmLimits: body.beyond_cucm_limits });
    const links = { run: `/api/runs/${job.runId}`, state: `/api/runs/${job.runId}/state`, events: `/api/runs/${job.runId}/events` };
    if (body.wait) {
      const result = await job.done;
      res.status(HttpStatus.CREATED);
      return { run_id: job.runId, status: 'completed', scenario: result.scenario.name, passed: result.passed, events: result.events, counts: result.timeline[result.timeline.length - 1]?.counts ?? null, links };
    }
    // Errors found before the first step is stored (a fork that does not match, a step that cannot be simulated at install) are the request's.
    await Promise.race([job.started, job.done]);
    res.status(HttpStatus.ACCEPTED);
    return { run_id: job.runId, status: job.state.status, scenario: job.scenario, links };
  }

  @Get()
  @ApiOperation({ summary: 'The runs in the store (and whether each of this server\'s is still running)' })
  async list(): Promise<(RunListing & { running: boolean })[]> {
    const runs: RunListing[] = await this.queries.execute(new ListRunsQuery());
    return runs.map((r) => ({ ...r, running: this.jobs.job(r.runId)?.state.status === 'running' }));
  }

  @Get(':id')
  @ApiOperation({ summary: 'A stored run as the versioned run report (format_version 1), rebuilt from its events; `at`: as it stood after a step' })
  @ApiParam(RUN)
  @ApiQuery(AT)
  async show(@Param('id') id: string, @Query('at') at: string | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    const step = parseAt(at);
    const stored: StoredRun = await this.queries.execute(new ShowRunQuery(id, step));
    const outline: RunOutline = await this.queries.execute(new RunOutlineQuery(stored.runId));
    sendJson(req, res, reportOf(stored, outline));
  }

  @Get(':id/outline')
  @ApiOperation({ summary: 'What a run rehearsed (clusters, nodes, services, phone groups with their TFTP and TVS), its steps and timeline, its assumptions; from its own stream, no fold' })
  @ApiParam(RUN)
  async outline(@Param('id') id: string) {
    const outline: RunOutline = await this.queries.execute(new RunOutlineQuery(id));
    const source = this.sourceOf(outline);
    return {
      ...outline,
      assumptions_in_force: assumptionRows(outline.assumptions),
      source: source ? (source.kind === 'library' ? { kind: 'library', path: source.path } : { kind: 'yaml', name: source.name }) : null,
      running: this.jobs.job(outline.run_id)?.state.status === 'running',
    };
  }

  @Get(':id/source')
  @ApiOperation({ summary: 'The scenario a run was made from, when this studio knows it (a library file, or a YAML body sent to this server)' })
  @ApiParam(RUN)
  async source(@Param('id') id: string): Promise<ScenarioSource & { yaml: string }> {
    const outline: RunOutline = await this.queries.execute(new RunOutlineQuery(id));
    const source = this.sourceOf(outline);
    if (!source) throw new RangeError(`the scenario of run ${outline.run_id} is not in the library and was not sent to this server`);
    return source.kind === 'library' ? { ...source, yaml: this.library.read(source.path) } : source;
  }

  @Get(':id/state')
  @ApiOperation({ summary: "Every phone's status (one character each, in the order of /phones) and every group's counts after a step, folded from the stored run" })
  @ApiParam(RUN)
  @ApiQuery(AT)
  async state(@Param('id') id: string, @Query('at') at: string | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    const state: CompactRunState = await this.queries.execute(new RunStateQuery(id, parseAt(at)));
    sendJson(req, res, state);
  }

  @Get(':id/phones')
  @ApiOperation({ summary: "The run's phones in the order /state gives their statuses, and its groups as ranges of that order" })
  @ApiParam(RUN)
  async phones(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const order: RunPhoneOrder = await this.queries.execute(new RunPhoneOrderQuery(id));
    // The order never changes for a run: let the browser keep it.
    res.setHeader('Cache-Control', 'private, max-age=3600');
    sendJson(req, res, order);
  }

  @Get(':id/phones/:name')
  @ApiOperation({ summary: 'One phone\'s chain of decisions: files offered, signers, TVS answers, why it ended as it did' })
  @ApiParam(RUN)
  @ApiQuery(AT)
  async explain(@Param('id') id: string, @Param('name') name: string, @Query('at') at?: string): Promise<Explanation> {
    if (!/^[A-Za-z0-9_.-]{1,64}$/.test(name)) throw new RangeError(`no phone ${name.slice(0, 64)} in this run`);
    return this.queries.execute(new ExplainPhoneQuery(id, name, parseAt(at)));
  }

  @Get(':a/diff/:b')
  @ApiOperation({ summary: 'The phones whose outcome differs between two stored runs, grouped and counted' })
  async diff(@Param('a') a: string, @Param('b') b: string) {
    const diff: RunDiff = await this.queries.execute(new DiffRunsQuery(a, b));
    return {
      a: diff.a,
      b: diff.b,
      changes: diff.changes.map((c) => ({ group: c.group, from: c.from, to: c.to, count: c.phones.length, phones: c.phones.slice(0, PHONES_PER_CHANGE) })),
      unchanged: diff.unchanged,
      only_in_a: { count: diff.onlyInA.length, phones: diff.onlyInA.slice(0, PHONES_PER_CHANGE) },
      only_in_b: { count: diff.onlyInB.length, phones: diff.onlyInB.slice(0, PHONES_PER_CHANGE) },
    };
  }

  @Get(':id/trust-files/:cluster/:node')
  @ApiOperation({ summary: 'The ITL (and CTL in mixed mode) a TFTP node serves after a step: the bytes and their decoded records' })
  @ApiParam(RUN)
  @ApiQuery(AT)
  async trustFiles(@Param('id') id: string, @Param('cluster') cluster: string, @Param('node') node: string, @Query('at') at?: string): Promise<{ cluster: string; node: string; files: DecodedTrustFile[] }> {
    const files: ExportedTrustFile[] = await this.queries.execute(new TrustFilesQuery(id, { at: parseAt(at), cluster, nodes: [node] }));
    return { cluster, node, files: files.map((f) => decodeTrustFile(f.bytes)) };
  }

  @Sse(':id/events')
  @ApiOperation({ summary: 'Server-sent events of a run: `step` (each stored step with phones per status), then `completed` or `failed`' })
  @ApiProduces('text/event-stream')
  @ApiParam(RUN)
  events(@Param('id') id: string): Observable<MessageEvent> {
    return from(this.queries.execute<RunOutlineQuery, RunOutline>(new RunOutlineQuery(id))).pipe(
      switchMap((outline) =>
        this.jobs.progress(outline.run_id, async (): Promise<ProgressEvent | undefined> => {
          const now: RunOutline = await this.queries.execute(new RunOutlineQuery(outline.run_id));
          return now.completed ? { type: 'completed', data: { run_id: now.run_id, passed: now.passed! } } : undefined;
        }),
      ),
    );
  }

  /** A run of this server knows its source; another run's is found when its file is in the library. */
  private sourceOf(outline: RunOutline): ScenarioSource | undefined {
    const known = this.jobs.source(outline.run_id);
    if (known) return known;
    const path = this.library.relativeOf(outline.file);
    return path ? { kind: 'library', path } : undefined;
  }
}

/** Every assumption with the value the run used, its default and the readings it could take. */
function assumptionRows(used: Record<string, string | boolean>) {
  return (Object.values(ASSUMPTIONS) as AssumptionDefinition[]).map((def) => ({ name: def.name, value: used[def.name] ?? def.default, default: def.default, values: [...def.values], sources: def.sources }));
}

/** A stored run as the versioned run report: what the run's events say (wall-clock figures are not stored, so 0). */
function reportOf(stored: StoredRun, outline: RunOutline): RunReport {
  const scenario = { name: outline.scenario, ...(outline.title ? { title: outline.title } : {}), file: outline.file, seed: outline.seed, start: outline.start, assumptions: {} } as unknown as Scenario;
  return toRunReport({
    runId: stored.runId,
    completed: stored.completed && stored.at === undefined,
    scenario,
    assumptions: stored.assumptions as Assumptions,
    timeline: stored.timeline,
    outcomes: stored.outcomes,
    expectations: stored.expectations,
    passed: stored.passed,
    refusals: stored.refusals,
    events: stored.events,
    figures: { phoneBoots: 0, decisions: 0, trustListVerifications: 0, wallMs: 0, storeMs: 0 },
    ...(stored.forkedFrom ? { forkedFrom: stored.forkedFrom } : {}),
  });
}
