import { describe, expect, it } from 'vitest';
import { FeedbackDraftSchema } from '@heed/shared';
import { testConfig } from '../domain/test-support.ts';
import { caseDraft, valueAt } from './cases.ts';
import { closedCase } from './test-fixtures.ts';

const secret = '0123456789abcdef0123';
const config = testConfig({ intake: { cases: { secret } } });

describe('caseDraft', () => {
  it('maps a closed case, keeping its facts in details', () => {
    const step = caseDraft(closedCase, config);
    expect(step.kind).toBe('take');
    expect(FeedbackDraftSchema.parse(step.kind === 'take' && step.draft)).toEqual({
      source: 'case',
      sourceId: '00001026',
      feedbackType: 'case-logic',
      title: 'Rules fire twice',
      text: 'Customers want a dry-run for escalation rules',
      customer: { accountId: '0013000000ABC', accountName: 'Globex', plan: 'self-managed', region: 'EMEA' },
      reporter: { name: 'Sam Support', email: 'sam@acme.example' },
      links: [{ rel: 'case', url: 'https://acme.my.salesforce.com/5003000000D8cuI', title: 'Case 00001026: Rules fire twice' }],
      occurredAt: new Date('2026-03-03T16:00:00Z'),
      details: {
        caseId: '00001026',
        status: 'Closed',
        caseType: 'Problem',
        caseOwner: 'Sam Support',
        region: 'EMEA',
        subject: 'Rules fire twice',
        description: 'Escalation rule ran twice on one case',
        resolutionAction: 'Workaround given',
        feedbackType: 'Case logic',
      },
    });
  });

  it('reads fields where the map says (a Salesforce-shaped body)', () => {
    const mapped = testConfig({
      intake: { cases: { secret, fieldMap: { caseId: 'CaseNumber', feedback: 'Feedback__c', feedbackType: 'Feedback_Type__c', caseOwner: 'Owner.Name', region: 'Account.Region__c' } } },
    });
    const step = caseDraft({ CaseNumber: 1027, Feedback__c: 'Needs SSO', Feedback_Type__c: 'product', Owner: { Name: 'Sam' }, Account: { Region__c: 'APAC' } }, mapped);
    expect(step).toMatchObject({ kind: 'take', draft: { sourceId: '1027', text: 'Needs SSO', feedbackType: 'product', reporter: { name: 'Sam' }, customer: { region: 'APAC' } } });
  });

  it.each<[string, unknown, string]>([
    ['not an object', [1], 'body: must be a JSON object'],
    ['no case id', { feedback: 'x' }, 'body.caseId: required'],
    ['no feedback', { caseId: '1', feedback: '  ' }, "body.feedback: required (the case's Feedback text)"],
    ['an unknown type', { caseId: '1', feedback: 'x', feedbackType: 'Pricing' }, 'body.feedbackType: unknown feedback type "Pricing"; expected one of "Product", '],
    ['an unknown plan', { caseId: '1', feedback: 'x', plan: 'gold' }, 'body.plan: "gold" is neither SaaS nor self-managed'],
  ])('names the problem: %s', (_name, body, message) => {
    const step = caseDraft(body, config);
    expect(step.kind).toBe('invalid');
    expect(step.kind === 'invalid' && step.message).toContain(message);
  });

  it('names the mapped path of a missing field', () => {
    const mapped = testConfig({ intake: { cases: { secret, fieldMap: { feedback: 'Feedback__c' } } } });
    expect(caseDraft({ caseId: '1' }, mapped)).toEqual({ kind: 'invalid', message: "body.Feedback__c (feedback): required (the case's Feedback text)" });
  });
});

describe('valueAt', () => {
  it('follows dot paths through objects and arrays, and only to scalars', () => {
    const json = { a: { b: [{ c: 'x' }] }, n: 0, o: {}, proto: Object.create({ inherited: 'no' }) };
    expect(valueAt(json, 'a.b.0.c')).toBe('x');
    expect(valueAt(json, 'n')).toBe('0');
    expect(valueAt(json, 'o')).toBeUndefined();
    expect(valueAt(json, 'proto.inherited')).toBeUndefined();
    expect(valueAt(json, 'a.constructor')).toBeUndefined();
  });
});
