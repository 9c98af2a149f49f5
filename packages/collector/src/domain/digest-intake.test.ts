import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../store/sqlite-store.ts';
import type { Store } from '../store/store.ts';
import { makeItem } from '../store/store-fixtures.ts';
import { renderDigestText } from '../notify/digest-render.ts';
import { buildDigest } from './digest.ts';
import { digestIntake, digestIntakeText } from './digest-intake.ts';
import { tempDir, testConfig, testResponse, useTestStore } from './test-support.ts';

let store: Store;
useTestStore(
  async () => {
    const dir = await tempDir();
    return { store: await openSqliteStore({ dataDir: dir.path }), remove: dir.remove };
  },
  (opened) => {
    store = opened;
  },
);

const at = (iso: string) => new Date(iso);

describe('digestIntake', () => {
  it("counts the owner's intake items of the week by source, not answers, not others', not other weeks", async () => {
    await store.items.record(makeItem(1, { source: 'email', occurredAt: at('2026-03-02T10:00:00Z') }), []);
    await store.items.record(makeItem(2, { source: 'email', occurredAt: at('2026-03-03T10:00:00Z') }), []);
    await store.items.record(makeItem(3, { source: 'case', occurredAt: at('2026-03-04T10:00:00Z') }), []);
    await store.items.record(makeItem(4, { source: 'case', occurredAt: at('2026-02-20T10:00:00Z') }), []);
    await store.items.record(makeItem(5, { source: 'slack', occurredAt: at('2026-03-04T10:00:00Z'), routing: { status: 'routed', owner: 'pm-growth', reason: 'route:1' } }), []);
    await store.items.record(
      makeItem(6, { source: 'github', occurredAt: at('2026-03-04T10:00:00Z'), routing: { status: 'routed', owner: 'pm-growth', reason: 'route:1' }, triage: { status: 'new', owner: 'pm-editor', tags: [], history: [] } }),
      [],
    );
    await store.responses.record(testResponse({ receivedAt: at('2026-03-04T11:00:00Z') }), []);

    const intake = await digestIntake(store, 'pm-editor', at('2026-03-02T00:00:00Z'), at('2026-03-09T00:00:00Z'));
    expect(intake).toEqual({ total: 4, bySource: { email: 2, case: 1, github: 1 } });
    expect(digestIntakeText(intake)).toBe('4 (email 2, case 1, github 1)');
    expect(digestIntakeText({ total: 0, bySource: {} })).toBe('0');

    const digest = await buildDigest({ store, config: testConfig(), clock: () => at('2026-03-05T10:00:00Z') }, 'pm-editor');
    expect(digest.intake?.total).toBeGreaterThanOrEqual(1);
    expect(renderDigestText(digest)).toContain(`New feedback from other sources: ${digestIntakeText(digest.intake!)}`);
  });
});
