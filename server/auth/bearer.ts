import { AppError } from '../../shared/errors.ts';

/** The token of an `Authorization: Bearer <token>` header, or `unauthorized`. */
export function bearerToken(header: string | undefined): string {
  const match = /^Bearer ([\x21-\x7e]+)$/.exec(header ?? '');
  if (match?.[1] === undefined) throw new AppError('unauthorized', 'expected an Authorization: Bearer <key> header');
  return match[1];
}
