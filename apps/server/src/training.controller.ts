import { Body, Controller, Delete, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DiffRunsQuery, RunDiff } from '@trustsim/application';
import { openApiSchema, trainingCommandSchema, trainingRequestSchema, ZodBody } from './requests';
import { RunJobs } from './run-jobs';
import { ScenarioSources } from './scenario-sources';
import { TrainingSessions } from './training-sessions';

@ApiTags('training')
@Controller('api/training')
export class TrainingController {
  constructor(
    private readonly sessions: TrainingSessions,
    private readonly jobs: RunJobs,
    private readonly sources: ScenarioSources,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @ApiOperation({ summary: "Open a scenario's starting state for a class: its clusters and phones, none of its steps; the session's steps are stored in a run of its own" })
  @ApiBody({ schema: openApiSchema(trainingRequestSchema) })
  start(@Body(new ZodBody(trainingRequestSchema)) body: { path: string }) {
    return this.sessions.start(body.path);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A training session: its run, the scenario it started from, its prompt' })
  describe(@Param('id') id: string) {
    return this.sessions.describe(id);
  }

  @Post(':id/commands')
  @HttpCode(200)
  @ApiOperation({ summary: 'One line typed in the console, as in `trustsim shell`: a platform CLI command, `reset phones`, `wait 10m`, `show itl`, `status`' })
  @ApiBody({ schema: openApiSchema(trainingCommandSchema) })
  command(@Param('id') id: string, @Body(new ZodBody(trainingCommandSchema)) body: { line: string }) {
    return this.sessions.execute(id, body.line);
  }

  @Get(':id/scenario')
  @ApiOperation({ summary: 'The session so far as a scenario file (download): the original clusters and phones, the steps typed' })
  @ApiProduces('application/yaml')
  scenario(@Param('id') id: string, @Res() res: Response): void {
    const { name, yaml } = this.sessions.yaml(id);
    res.setHeader('Content-Type', 'application/yaml; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
    res.end(yaml);
  }

  @Post(':id/compare')
  @HttpCode(200)
  @ApiOperation({ summary: "Ends the session (its background work settles, as at the end of any run) and diffs it against a run of the scenario file it started from, the model answer" })
  async compare(@Param('id') id: string) {
    const path = this.sessions.path(id);
    const trainee = this.sessions.runId(id);
    await this.sessions.close(id);
    const model = this.jobs.start(this.sources.prepare({ path }), {});
    await model.done;
    const diff: RunDiff = await this.queries.execute(new DiffRunsQuery(trainee, model.runId));
    return {
      trainee_run: trainee,
      model_run: model.runId,
      same: diff.changes.length === 0 && diff.onlyInA.length === 0 && diff.onlyInB.length === 0,
      changes: diff.changes.map((c) => ({ group: c.group, trainee: c.from, model: c.to, count: c.phones.length, phones: c.phones.slice(0, 20) })),
      unchanged: diff.unchanged,
    };
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Closes a session (its run stays in the store)' })
  async close(@Param('id') id: string): Promise<void> {
    await this.sessions.close(id);
  }
}
