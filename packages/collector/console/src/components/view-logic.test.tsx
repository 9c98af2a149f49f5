/** The views' pure parts: the triage PATCH body, the Responses query from the URL, uninstalls by version, history text. */
import { describe, expect, it } from 'vitest';
import type { PresentedResponse } from '../types.ts';
import { tallyVersions } from './extension-versions.tsx';
import { responsesQuery } from './responses-page.tsx';
import { parseTags, triagePatch } from './triage-form.tsx';
import { describeChanges } from './triage-history.tsx';

const triage: PresentedResponse['triage'] = { status: 'new', tags: ['a'], history: [] };

describe('triagePatch', () => {
  it('sends only what changed; an emptied issue link clears it', () => {
    expect(triagePatch(triage, { status: 'new', owner: 'pm-x', tags: 'a', issueUrl: '' }, 'pm-x')).toBeUndefined();
    expect(triagePatch(triage, { status: 'closed', owner: 'pm-y', tags: ' a, b ,, b', issueUrl: 'https://x.example/1' }, 'pm-x')).toEqual({
      status: 'closed',
      owner: 'pm-y',
      tags: ['a', 'b'],
      issueUrl: 'https://x.example/1',
    });
    expect(triagePatch({ ...triage, issueUrl: 'https://x.example/1' }, { status: 'new', owner: '', tags: 'a', issueUrl: ' ' }, undefined)).toEqual({ issueUrl: null });
    expect(parseTags('')).toEqual([]);
  });
});

describe('responsesQuery', () => {
  const now = new Date('2026-03-29T12:00:00Z');
  it('turns the URL filters into the admin query, "mine" into this browser\'s owner id', () => {
    const params = new URLSearchParams('kind=cancel&owner=mine&hasComment=true&range=7&plan=saas');
    expect(responsesQuery(params, 'pm-editor', now)).toEqual({
      survey: undefined,
      productArea: undefined,
      plan: 'saas',
      kind: 'cancel',
      status: undefined,
      hasComment: 'true',
      owner: 'pm-editor',
      from: '2026-03-22',
    });
    expect(responsesQuery(new URLSearchParams('owner=mine&range=all'), null, now)).toMatchObject({ owner: undefined, from: undefined });
    expect(responsesQuery(new URLSearchParams(''), null, now).from).toBe('2026-03-01');
  });
});

describe('tallyVersions', () => {
  it('draws the report in its order, answers without a version last', () => {
    const tally = tallyVersions({
      versions: [
        { version: '1.10.0', responses: 2, reasons: { slow: 2, privacy: 1 } },
        { version: '1.9.2', responses: 1, reasons: { slow: 1 } },
        { version: null, responses: 1, reasons: { other: 1 } },
      ],
      labels: {},
      scanned: 4,
      complete: true,
    });
    expect(tally.versions).toEqual(['1.10.0', '1.9.2', 'no version']);
    expect(tally.counts[0]).toEqual({ slow: 2, privacy: 1 });
    expect(tally.answers).toEqual([2, 1, 1]);
  });
});

describe('describeChanges', () => {
  it('reads each field from and to', () => {
    expect(describeChanges({ status: { from: 'new', to: 'closed' }, tags: { from: [], to: ['x', 'y'] } })).toBe('status new → closed; tags – → x, y');
  });
});
