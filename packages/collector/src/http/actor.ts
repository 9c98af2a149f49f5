/** Who an admin change is recorded as: the person `X-Heed-Actor` names, else `admin` (the token names nobody). */
export const ADMIN_ACTOR = 'admin';

export const actorOf = (headers: { 'x-heed-actor'?: string | undefined }): string => headers['x-heed-actor'] ?? ADMIN_ACTOR;
