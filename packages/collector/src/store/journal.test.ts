import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Journal } from './journal.ts';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('Journal', () => {
  it('appends any number of lines in one call, in order, after what was appended before', async () => {
    dir = await mkdtemp(join(tmpdir(), 'heed-journal-'));
    const path = join(dir, 'test.db');
    const journal = await Journal.open(path);
    const many = Array.from({ length: 200_000 }, (_, index) => String(index));
    await Promise.all([journal.append(['first']), journal.append(many), journal.append([])]);
    await journal.close();

    const lines = (await readFile(path, 'utf8')).split('\n');
    expect(lines).toHaveLength(200_002);
    expect(lines[0]).toBe('first');
    expect(lines[1]).toBe('0');
    expect(lines[200_000]).toBe('199999');
    expect(lines[200_001]).toBe('');
  });
});
