import { parseArgs } from 'node:util';
import { runCheck } from './doctor-check.command.js';
import { runDiagnose } from './doctor-diagnose.command.js';
import { DoctorUsageError, type DoctorIo } from './doctor-io.js';
import { runSign } from './doctor-sign.command.js';

/** The help text of `aliexpress-doctor`. */
export const DOCTOR_USAGE = `aliexpress-doctor: sign, diagnose and check AliExpress Open Platform requests

usage:
  aliexpress-doctor sign <api> [key=value ...] [--params FILE.json] [--app-key KEY] [--timestamp MS] [--show-values]
  aliexpress-doctor diagnose <full request URL> [--body 'a=1&b=2']
  aliexpress-doctor check

  <api> is a system API path (/auth/token/create) or a business API name (aliexpress.ds.product.get).
  The app secret comes from ALIEXPRESS_APP_SECRET or --secret-file FILE; it is never an argument and never printed.
  ALIEXPRESS_APP_KEY, ALIEXPRESS_REDIRECT_URI and ALIEXPRESS_BASE_URL are read from the environment.

options: --json (machine-readable), --secret-file FILE, --base-url URL, --help
exit codes: 0 right, 1 wrong (diagnose, check), 2 bad usage
`;

/** Runs the doctor with these arguments; resolves with the exit code. Never throws. */
export async function runDoctor(argv: string[], io: DoctorIo): Promise<number> {
  try {
    if (argv.some((a) => a === '--secret' || a.startsWith('--secret='))) {
      throw new DoctorUsageError(
        'the secret is never a command-line argument (shell history, process list): use ALIEXPRESS_APP_SECRET or --secret-file FILE',
      );
    }
    let parsed;
    try {
      parsed = parseArgs({
        args: argv,
        allowPositionals: true,
        strict: true,
        options: {
          json: { type: 'boolean', default: false },
          'show-values': { type: 'boolean', default: false },
          'secret-file': { type: 'string' },
          params: { type: 'string' },
          'app-key': { type: 'string' },
          'base-url': { type: 'string' },
          timestamp: { type: 'string' },
          body: { type: 'string' },
          help: { type: 'boolean', short: 'h', default: false },
        },
      });
    } catch (error) {
      throw new DoctorUsageError((error as Error).message);
    }
    const { values, positionals } = parsed;
    const [command, ...rest] = positionals;
    if (values.help || !command) {
      (command || values.help ? io.stdout : io.stderr)(DOCTOR_USAGE);
      return values.help ? 0 : 2;
    }
    switch (command) {
      case 'sign': {
        const [api, ...pairs] = rest;
        if (!api)
          throw new DoctorUsageError(
            'sign needs an API path or name: aliexpress-doctor sign /auth/token/create code=...',
          );
        return runSign(
          {
            api,
            pairs,
            paramsFile: values.params,
            secretFile: values['secret-file'],
            appKey: values['app-key'],
            baseUrl: values['base-url'],
            timestamp: values.timestamp,
            showValues: values['show-values'],
            json: values.json,
          },
          io,
        );
      }
      case 'diagnose': {
        if (rest.length !== 1)
          throw new DoctorUsageError('diagnose needs exactly one full request URL (quote it)');
        return runDiagnose(
          { url: rest[0], body: values.body, secretFile: values['secret-file'], json: values.json },
          io,
        );
      }
      case 'check':
        if (rest.length)
          throw new DoctorUsageError(
            'check takes no arguments: it reads the ALIEXPRESS_* environment',
          );
        return await runCheck({ json: values.json }, io);
      default:
        throw new DoctorUsageError(`unknown command "${command}": use sign, diagnose or check`);
    }
  } catch (error) {
    if (error instanceof DoctorUsageError) {
      io.stderr(`aliexpress-doctor: ${error.message}\n`);
      return 2;
    }
    io.stderr(`aliexpress-doctor: unexpected error: ${(error as Error).message}\n`);
    return 1;
  }
}
