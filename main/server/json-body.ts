import type { Context } from 'koa';
import getRawBody from 'raw-body';
import { MAX_BODY_BYTES } from '../../common/limits';
import { ApiError } from './errors';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads a JSON request body: JSON content type, at most 64 KiB, valid UTF-8, valid JSON. */
export async function readJsonBody(ctx: Context): Promise<unknown> {
  if (!ctx.request.is('application/json', '+json')) {
    throw new ApiError(415, 'Content-Type must be application/json');
  }
  let raw: Buffer;
  try {
    raw = await getRawBody(ctx.req, { limit: MAX_BODY_BYTES, length: ctx.req.headers['content-length'] });
  } catch (err) {
    const status = (err as { status?: number }).status;
    if (status === 413) {
      // The rest of the body is still on the wire: the connection cannot carry another request.
      ctx.set('Connection', 'close');
      throw new ApiError(413, `Body is larger than ${MAX_BODY_BYTES / 1024} KiB`);
    }
    throw new ApiError(400, 'Body could not be read');
  }
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    throw new ApiError(400, 'Body is not valid UTF-8');
  }
  try {
    return JSON.parse(text);
  } catch {
    // V8's parse message quotes the input, which may hold secrets: say only what is wrong.
    throw new ApiError(400, 'Body is not valid JSON');
  }
}
