import busboy from 'busboy';
import type { IncomingMessage } from 'node:http';

/** The parameters of a request, merged from the query string and the body. */
export interface ReceivedParams {
  params: Record<string, string>;
  /** Set when a parameter arrived twice with different values. */
  conflict?: string;
}

/** Thrown for a body the mock cannot read (too large, malformed multipart). */
export class UnreadableBodyError extends Error {}

const MAX_BODY_BYTES = 1024 * 1024;

function readText(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new UnreadableBodyError('body larger than 1 MiB'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function readMultipart(req: IncomingMessage, add: (k: string, v: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { fieldSize: MAX_BODY_BYTES, fields: 500 } });
    } catch (error) {
      reject(new UnreadableBodyError(`malformed multipart body: ${(error as Error).message}`));
      return;
    }
    parser.on('field', (name, value) => add(name, value));
    // file parameters are neither signed nor used by the mock's APIs
    parser.on('file', (_name, stream) => stream.resume());
    parser.on('close', () => resolve());
    parser.on('error', (error: Error) =>
      reject(new UnreadableBodyError(`malformed multipart body: ${error.message}`)),
    );
    req.pipe(parser);
  });
}

/**
 * Merges query-string and body parameters the way the gateway does: a parameter repeated with the
 * same value counts once; repeated with different values, it is a conflict.
 */
export async function readRequestParams(req: IncomingMessage, url: URL): Promise<ReceivedParams> {
  const params: Record<string, string> = Object.create(null) as Record<string, string>;
  let conflict: string | undefined;
  const add = (key: string, value: string) => {
    if (key in params && params[key] !== value) conflict ??= key;
    else params[key] = value;
  };
  for (const [key, value] of url.searchParams) add(key, value);
  const type = String(req.headers['content-type'] ?? '').toLowerCase();
  if (type.startsWith('multipart/form-data')) {
    await readMultipart(req, add);
  } else {
    const text = await readText(req);
    if (type.startsWith('application/x-www-form-urlencoded') && text) {
      for (const [key, value] of new URLSearchParams(text)) add(key, value);
    }
  }
  return { params: { ...params }, conflict };
}
