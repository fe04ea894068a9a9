import type { Context } from 'koa';
import getRawBody from 'raw-body';
import { MAX_BODY_BYTES } from '../../common/limits';
import { ApiError } from './errors';
import { CLIENT_WAIT_MS } from './socket-deadlines';

const utf8 = new TextDecoder('utf-8', { fatal: true });
/** Node's own test for the expectation it hands to `checkContinue`. */
const CONTINUE = /(?:^|\W)100-continue(?:$|\W)/i;

function tooLarge(ctx: Context): ApiError {
  // The rest of the body is still on the wire: the connection cannot carry another request.
  ctx.set('Connection', 'close');
  return new ApiError(413, `Body is larger than ${MAX_BODY_BYTES / 1024} KiB`);
}

/** The body's bytes, within MAX_BODY_BYTES and CLIENT_WAIT_MS. */
async function readRaw(ctx: Context): Promise<Buffer> {
  const declared = ctx.req.headers['content-length'];
  if (declared !== undefined && Number(declared) > MAX_BODY_BYTES) throw tooLarge(ctx);
  // Only now, past the Host, browser and token checks and the size, is the client asked for its body.
  if (CONTINUE.test(ctx.req.headers.expect ?? '')) ctx.res.writeContinue();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      // Whatever is still trickling in is not read: the answer is the last thing on this connection.
      ctx.res.once('finish', () => ctx.req.socket.destroy());
      reject(new ApiError(408, `Body did not arrive within ${CLIENT_WAIT_MS / 1000} s`));
    }, CLIENT_WAIT_MS);
  });
  try {
    return await Promise.race([getRawBody(ctx.req, { limit: MAX_BODY_BYTES, length: declared }), late]);
  } catch (err) {
    if (err instanceof ApiError) throw err;
    if ((err as { status?: number }).status === 413) throw tooLarge(ctx);
    throw new ApiError(400, 'Body could not be read');
  } finally {
    clearTimeout(timer);
  }
}

/** Reads a JSON request body: JSON content type, at most 64 KiB, within 10 s, valid UTF-8, valid JSON. */
export async function readJsonBody(ctx: Context): Promise<unknown> {
  if (!ctx.request.is('application/json', '+json')) {
    throw new ApiError(415, 'Content-Type must be application/json');
  }
  const raw = await readRaw(ctx);
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
