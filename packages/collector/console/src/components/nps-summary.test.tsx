import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NpsReport } from '../types.ts';
import { NpsSummary } from './nps-summary.tsx';

const base: NpsReport = {
  interval: 'week',
  from: '2026-01-05',
  to: '2026-03-30',
  points: [],
  total: { responses: 100, promoters: 40, passives: 30, detractors: 30, nps: 10 },
  scores: [0, 0, 10, 10, 10, 0, 0, 10, 20, 20, 20],
  responseRate: { shown: 0, answered: 100, rate: null },
};

let container: HTMLElement;
beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(() => {
  render(null, container);
  container.remove();
});

describe('NpsSummary', () => {
  it('shows the NPS with its named 95% interval and the split', () => {
    render(<NpsSummary report={base} />, container);
    expect(container.querySelector('[data-testid="nps-total"]')?.textContent).toBe('+10');
    expect(container.textContent).toContain('95% interval -6.3 to +25.7 (adjusted Wald)');
    expect([...container.querySelectorAll('.stat dt')].map((dt) => dt.textContent)).toEqual([
      'NPS',
      'Responses',
      'Promoters (9-10)',
      'Passives (7-8)',
      'Detractors (0-6)',
    ]);
    expect(container.querySelector('.stat.promoters .big')?.textContent).toBe('40%');
  });

  it('adds the response rate when displays were recorded, and leaves it out when none were', () => {
    render(<NpsSummary report={{ ...base, responseRate: { shown: 400, answered: 100, rate: 0.25 } }} />, container);
    expect(container.querySelector('[data-testid="response-rate"]')?.textContent).toBe('Response rate25%100 answered of 400 shown');
    render(<NpsSummary report={base} />, container);
    expect(container.querySelector('[data-testid="response-rate"]')).toBeNull();
  });

  it('says n/a and gives no interval when nobody answered', () => {
    render(<NpsSummary report={{ ...base, total: { responses: 0, promoters: 0, passives: 0, detractors: 0, nps: null } }} />, container);
    expect(container.querySelector('[data-testid="nps-total"]')?.textContent).toBe('n/a');
    expect(container.textContent).not.toContain('95% interval');
  });
});
