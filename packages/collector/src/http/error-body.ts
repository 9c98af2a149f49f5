/**
 * The one error shape of both HTTP faces: `{statusCode, code, error, message}`. Coded Heed errors are shown
 * as they are; anything else is an internal error whose details stay in the log.
 */
import { STATUS_CODES } from 'node:http';
import type { ErrorBody } from '@heed/shared';
import { errors, isHeedError } from '../errors.ts';

export function errorBody(error: unknown): ErrorBody {
  const known = isHeedError(error) ? error : errors.internal();
  return {
    statusCode: known.statusCode,
    code: known.code,
    error: STATUS_CODES[known.statusCode] ?? 'Error',
    message: known.message,
  };
}
