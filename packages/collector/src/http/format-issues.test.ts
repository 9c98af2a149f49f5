import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatIssues, formatPath } from './format-issues.ts';

describe('formatPath', () => {
  it('writes keys with dots and indexes in brackets', () => {
    expect(formatPath(['routes', 0, 'owner'])).toBe('routes[0].owner');
    expect(formatPath(['answers', 'reasons', 1], 'body')).toBe('body.answers.reasons[1]');
    expect(formatPath([], 'body')).toBe('body');
  });
});

describe('formatIssues', () => {
  it('puts the field path before each message', () => {
    const schema = z.strictObject({ score: z.number().max(10), tags: z.array(z.string()) });
    const result = schema.safeParse({ score: 11, tags: ['a', 2], extra: 1 });
    expect(result.success).toBe(false);
    expect(formatIssues(result.error!.issues, 'body')).toEqual([
      'body.score: Too big: expected number to be <=10',
      'body.tags[1]: Invalid input: expected string, received number',
      'body: Unrecognized key: "extra"',
    ]);
  });
});
