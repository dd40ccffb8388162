import 'reflect-metadata';
import { runCli } from './cli';

runCli(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`trustsim: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
