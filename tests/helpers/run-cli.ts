import { run } from '../../src/cli/main';
import { guardSeverities } from './catalogue-guard';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the command line in-process and captures its output. */
export async function cli(...argv: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

export async function cliJson(...argv: string[]): Promise<{ code: number; json: any; stderr: string }> {
  const r = await cli(...argv, '--json');
  const json = JSON.parse(r.stdout);
  if (argv[0] === 'validate') guardSeverities(json?.issues, json?.fatal);
  return { code: r.code, json, stderr: r.stderr };
}
