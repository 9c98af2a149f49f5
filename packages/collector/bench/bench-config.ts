/**
 * The config the benched collector runs with: the demo config (its projects, surveys, routes and owners,
 * which the seeded data was routed with), every owner reached on one webhook at the local receiver, the
 * demo pages off, no Slack (the receiver stands in for every channel).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { HeedConfigInput } from '@heed/shared';

export function writeBenchConfig(demoConfigPath: string, receiverUrl: string, path: string): HeedConfigInput & { owners: NonNullable<HeedConfigInput["owners"]> } {
  const { $schema: _schema, ...demo } = JSON.parse(readFileSync(demoConfigPath, 'utf8')) as HeedConfigInput & { $schema?: string };
  const config = {
    ...demo,
    demo: false,
    owners: (demo.owners ?? []).map(({ slackWebhookUrl: _slack, ...owner }) => ({
      ...owner,
      webhookUrl: `${receiverUrl}/hooks/${owner.id}`,
      webhookSecret: owner.webhookSecret ?? `bench-secret-${owner.id}-0123456789`,
    })),
  };
  writeFileSync(path, JSON.stringify(config, null, 2));
  return config;
}
