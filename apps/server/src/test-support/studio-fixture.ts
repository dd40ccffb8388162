import 'reflect-metadata';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { configureStudio, STUDIO_APP_OPTIONS } from '../create-studio';
import { StudioModule } from '../studio.module';
import type { StudioOptions } from '../studio-options';

export const SCENARIOS = join(__dirname, '../../../../scenarios');
export const TOGETHER = 'regen-callmanager-and-tvs-together-11.5.yaml';
export const TVS_FIRST = 'regen-tvs-then-callmanager-11.5.yaml';

export interface StudioFixture {
  app: NestExpressApplication;
  /** http://127.0.0.1:<port> */
  base: string;
  library: string;
  /** A folder beside the library: nothing in it may be reachable. */
  outside: string;
  close(): Promise<void>;
}

/**
 * The studio through Nest's testing module, configured as `trustsim serve` configures it, listening on
 * a free loopback port: a library of two real scenarios, one invalid file, a symbolic link and a
 * scenario that point outside it, and a store in memory.
 */
export async function startStudioFixture(options: Partial<StudioOptions> = {}): Promise<StudioFixture> {
  const cwd = mkdtempSync(join(tmpdir(), 'trustsim-studio-'));
  const library = join(cwd, 'library');
  const outside = join(cwd, 'outside');
  mkdirSync(join(library, 'eleven'), { recursive: true });
  mkdirSync(outside);
  copyFileSync(join(SCENARIOS, TOGETHER), join(library, TOGETHER));
  copyFileSync(join(SCENARIOS, TVS_FIRST), join(library, 'eleven', TVS_FIRST));
  writeFileSync(join(library, 'typo.yaml'), 'scenario: typo\nclusters:\n  hq:\n    version: "12.5(1)SU3"\n    nodes:\n      - { name: pub, role: publisher, services: [callmanager, tftp, tvs] }\n    phones:\n      - { group: lobby, count: 10, model: CP-8845 }\nsteps:\n  - resetPhones: { cluster: hq, phones: all, batchsize: 100 }\n');
  writeFileSync(join(outside, 'secret.yaml'), 'scenario: secret\n');
  writeFileSync(join(outside, 'secret.pem'), '-----BEGIN CERTIFICATE-----\nnot one\n-----END CERTIFICATE-----\n');
  symlinkSync(join(outside, 'secret.yaml'), join(library, 'link.yaml'));
  writeFileSync(
    join(library, 'reads-outside.yaml'),
    'scenario: reads-outside\nclusters:\n  hq:\n    version: "14SU2"\n    nodes:\n      - { name: pub, role: publisher, services: [callmanager, tftp, tvs] }\n    phones:\n      - { group: lobby, count: 2, model: CP-8845 }\nsteps:\n  - uploadCertificate: { cluster: hq, node: pub, store: tomcat-trust, certificate: ../outside/secret.pem }\n',
  );
  const settings: StudioOptions = { store: 'memory:', library: 'library', cwd, host: '127.0.0.1', port: 0, ...options };
  const moduleRef = await Test.createTestingModule({ imports: [StudioModule.forRoot(settings)] }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>(STUDIO_APP_OPTIONS());
  configureStudio(app, settings);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  return {
    app,
    base: `http://127.0.0.1:${port}`,
    library,
    outside,
    close: async () => {
      await app.close();
      rmSync(cwd, { recursive: true, force: true });
    },
  };
}
