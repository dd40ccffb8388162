import { Body, Controller, Get, Headers, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ScenarioError } from '@trustsim/scenarios';
import { basename } from 'node:path';
import { LibraryEntry, ScenarioLibrary } from './library';
import { openApiSchema, validateRequestSchema, ZodBody, type ValidateRequest } from './requests';
import { ScenarioSources } from './scenario-sources';

const ISSUES = { description: 'the scenario\'s problems, each at file:line:column with its field (`issues`)' };

@ApiTags('scenarios')
@Controller('api/scenarios')
export class ScenariosController {
  constructor(
    private readonly library: ScenarioLibrary,
    private readonly sources: ScenarioSources,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The scenario library, each file with its validation status' })
  list(): { library: string; scenarios: LibraryEntry[] } {
    return { library: basename(this.library.root), scenarios: this.library.list() };
  }

  @Get('file')
  @ApiOperation({ summary: 'The text of a library scenario' })
  @ApiQuery({ name: 'path', description: 'relative to the library, as GET /api/scenarios lists it' })
  file(@Query('path') path: string): { path: string; yaml: string } {
    return { path, yaml: this.library.read(path) };
  }

  @Post('validate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Check a scenario without running it (JSON {yaml}, or the YAML itself as text/yaml)' })
  @ApiConsumes('application/json', 'text/yaml')
  @ApiBody({ schema: openApiSchema(validateRequestSchema) })
  @ApiOkResponse({ description: 'valid: its name, clusters, steps and phones' })
  @ApiResponse({ status: 400, ...ISSUES })
  @ApiResponse({ status: 413, description: 'larger than 1 MiB' })
  validate(@Body() body: unknown, @Headers('content-type') type: string | undefined, @Query('name') name?: string): { valid: true; scenario: string; title: string | null; clusters: number; steps: number; phones: number } {
    const request: ValidateRequest = typeof body === 'string' || /yaml/i.test(type ?? '') ? { yaml: typeof body === 'string' ? body : '', ...(name ? { name } : {}) } : new ZodBody(validateRequestSchema).transform(body);
    const { scenario, issues } = this.sources.check(request.yaml, request.name, request.beyond_cucm_limits);
    if (issues.length || !scenario) throw new ScenarioError(issues);
    return {
      valid: true,
      scenario: scenario.name,
      title: scenario.title ?? null,
      clusters: scenario.clusters.length,
      steps: scenario.steps.length,
      phones: scenario.clusters.reduce((n, c) => n + c.phones.reduce((m, g) => m + g.names.length, 0), 0),
    };
  }
}
