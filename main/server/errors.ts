import type { Context } from 'koa';
import { UserError } from '../../common/user-error';

const CODES: Record<number, string> = {
  400: 'BadRequest',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  408: 'RequestTimeout',
  409: 'Conflict',
  413: 'PayloadTooLarge',
  415: 'UnsupportedMediaType',
  429: 'TooManyRequests',
  500: 'InternalError',
};

/**
 * The error body of PROTOCOL.md: the documented lower-case pair for the existing CLI's users,
 * the capitalised pair that the AWS SDK for JavaScript reads.
 */
export function errorBody(status: number, message: string) {
  return { code: String(status), message, Code: CODES[status] ?? 'Error', Message: message };
}

export function sendJson(ctx: Context, status: number, body: unknown): void {
  ctx.status = status;
  ctx.type = 'application/json';
  ctx.body = Buffer.from(JSON.stringify(body));
}

export function sendError(ctx: Context, status: number, message: string): void {
  sendJson(ctx, status, errorBody(status, message));
}

/** A refusal the client is told about as it is, with its HTTP status. */
export class ApiError extends UserError {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
