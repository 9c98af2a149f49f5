import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from './load-config.ts';

const valid = {
  projects: [{ key: 'pk_test', name: 'Test', allowedOrigins: ['https://app.example.com'] }],
  surveys: [{ id: 'app-nps', project: 'pk_test', kind: 'nps', productArea: 'editor' }],
  owners: [{ id: 'pm-editor', name: 'Editor PM' }],
  routes: [{ when: { productArea: 'editor' }, owner: 'pm-editor' }],
};

describe('loadConfig', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'heed-config-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function write(text: string): Promise<string> {
    const path = join(dir, 'heed.config.json');
    await writeFile(path, text);
    return path;
  }

  it('returns the parsed config with defaults applied', async () => {
    const config = await loadConfig(await write(JSON.stringify(valid)));
    expect(config.projects[0]).toMatchObject({ key: 'pk_test', cooldownDays: 30 });
    expect(config.surveys[0]).toMatchObject({ id: 'app-nps', active: true, recontactDays: 90 });
    expect(config.demo).toBe(false);
  });

  it('loads the repository demo config, its inbox URLs at the address the collector listens on', async () => {
    const config = await loadConfig(join(import.meta.dirname, '../../../../heed.config.json'), { listenUrl: 'http://127.0.0.1:9123' });
    expect(config.demo).toBe(true);
    expect(config.projects.map((p) => p.key)).toEqual(['pk_demo']);
    expect(config.publicUrl).toBe('http://127.0.0.1:9123');
    expect(config.owners.map((owner) => owner.webhookUrl)).toEqual([
      'http://127.0.0.1:9123/demo/inbox/pm-editor',
      'http://127.0.0.1:9123/demo/inbox/pm-growth',
    ]);
  });

  it('resolves relative owner URLs against publicUrl when the file sets one', async () => {
    const text = JSON.stringify({
      ...valid,
      publicUrl: 'https://feedback.example.com/heed/',
      owners: [{ id: 'pm-editor', name: 'Editor PM', webhookUrl: '/hooks/editor', webhookSecret: 'secret-0123456789abcdef' }],
    });
    const config = await loadConfig(await write(text), { listenUrl: 'http://127.0.0.1:9123' });
    expect(config.publicUrl).toBe('https://feedback.example.com/heed/');
    expect(config.owners[0]!.webhookUrl).toBe('https://feedback.example.com/hooks/editor');
  });

  it('leaves publicUrl unset when no URL needs it, and names a relative URL it cannot resolve', async () => {
    expect((await loadConfig(await write(JSON.stringify(valid)), { listenUrl: 'http://127.0.0.1:9123' })).publicUrl).toBeUndefined();
    const relative = JSON.stringify({ ...valid, owners: [{ id: 'pm-editor', name: 'Editor PM', slackWebhookUrl: '/slack' }] });
    await expect(loadConfig(await write(relative))).rejects.toThrow(/heed\.config\.json: owners\[0\]\.slackWebhookUrl: "\/slack" is relative/);
  });

  it('names the file, line and column of a JSON syntax error', async () => {
    const path = await write('{\n  "projects": [\n    { "key": "pk_x", }\n  ]\n}\n');
    await expect(loadConfig(path)).rejects.toThrow(/^heed\.config\.json:3:22: invalid JSON: property name expected/);
  });

  it('locates errors that JSON.parse reports without a position', async () => {
    const path = await write('{\n  "demo": tru\n}');
    await expect(loadConfig(path)).rejects.toThrow(/^heed\.config\.json:2:11: invalid JSON/);
  });

  it('lists every schema problem with its path in the file', async () => {
    const config = {
      ...valid,
      projects: [{ ...valid.projects[0], allowedOrigins: ['https://app.example.com/path'] }],
      routes: [{ when: { productArea: 'editor' }, owner: 'x' }],
    };
    const error = await loadConfig(await write(JSON.stringify(config))).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    const lines = (error as Error).message.split('\n');
    expect(lines[0]).toBe('invalid config (2 problems):');
    expect(lines).toContain('heed.config.json: routes[0].owner: unknown owner "x"');
    expect(lines.some((line) => line.startsWith('heed.config.json: projects[0].allowedOrigins[0]: must be an origin'))).toBe(true);
  });

  it('names the field of a bad secret or webhook URL without repeating its value', async () => {
    const secretish = ['short-s3cret', 'ftp://hooks.example/T0/B0/s3cret-path', 'not a url s3cret'];
    const owners = [
      { id: 'pm-editor', name: 'Editor PM', webhookUrl: 'https://hooks.example/in', webhookSecret: secretish[0] },
      { id: 'pm-other', name: 'Other PM', slackWebhookUrl: secretish[1], webhookUrl: secretish[2], webhookSecret: 'x'.repeat(16) },
    ];
    const message = await loadConfig(await write(JSON.stringify({ ...valid, owners }))).then(
      () => 'loaded',
      (error: Error) => error.message,
    );
    expect(message).toContain('owners[0].webhookSecret');
    expect(message).toContain('owners[1].slackWebhookUrl');
    expect(message).not.toContain('s3cret');
  });

  it('rejects unknown fields', async () => {
    const path = await write(JSON.stringify({ ...valid, surveyz: [] }));
    await expect(loadConfig(path)).rejects.toThrow('heed.config.json: Unrecognized key: "surveyz"');
  });

  it('says when the file is missing', async () => {
    await expect(loadConfig(join(dir, 'nope.json'))).rejects.toThrow(/nope\.json: cannot read the config file: file not found/);
  });
});
