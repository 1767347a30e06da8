import { validateCredential } from '../config/credentials.validator.js';
import { AliexpressConfigurationError } from '../errors/aliexpress.errors.js';
import { DoctorUsageError, type DoctorIo } from './doctor-io.js';

/**
 * The app secret, from `--secret-file` or ALIEXPRESS_APP_SECRET: never a command-line argument
 * (shell history, process lists), never printed. A trailing newline in a file is the file's, not
 * the secret's, and is removed; anything else around it is refused as the module would.
 */
export function readSecret(io: DoctorIo, secretFile: string | undefined): string {
  let secret: string | undefined;
  let source: string;
  if (secretFile) {
    source = `--secret-file ${secretFile}`;
    try {
      secret = io.readFile(secretFile).replace(/\r?\n$/, '');
    } catch (error) {
      throw new DoctorUsageError(
        `cannot read ${source}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
    }
  } else {
    source = 'ALIEXPRESS_APP_SECRET';
    secret = io.env.ALIEXPRESS_APP_SECRET;
    if (!secret)
      throw new DoctorUsageError(
        'no app secret: set ALIEXPRESS_APP_SECRET or pass --secret-file FILE',
      );
  }
  try {
    return validateCredential('appSecret', secret);
  } catch (error) {
    if (error instanceof AliexpressConfigurationError)
      throw new DoctorUsageError(
        `${source}: the secret ${error.message.replace(/^.*"appSecret" /, '')}`,
      );
    throw error;
  }
}
