import { formatCount, formatNps, share } from '../format.ts';
import { npsInterval, NPS_INTERVAL_METHOD } from '../nps-interval.ts';
import type { NpsReport } from '../types.ts';

export interface NpsSummaryProps {
  report: NpsReport;
}

/**
 * The range at a glance: overall NPS with its 95% interval, how many answered, the promoter / passive /
 * detractor split, and the response rate when the collector reports displays.
 */
export function NpsSummary({ report }: NpsSummaryProps) {
  const { total, responseRate } = report;
  const ci = npsInterval(total);
  return (
    <dl class="stats">
      <div class="stat">
        <dt>NPS</dt>
        <dd>
          <span class="big" data-testid="nps-total">
            {formatNps(total.nps)}
          </span>
          {ci && (
            <span class="sub">
              95% interval {formatNps(ci.low)} to {formatNps(ci.high)} ({NPS_INTERVAL_METHOD})
            </span>
          )}
        </dd>
      </div>
      <div class="stat">
        <dt>Responses</dt>
        <dd>
          <span class="big">{formatCount(total.responses)}</span>
        </dd>
      </div>
      <div class="stat promoters">
        <dt>Promoters (9-10)</dt>
        <dd>
          <span class="big">{share(total.promoters, total.responses)}</span>
          <span class="sub">{formatCount(total.promoters)}</span>
        </dd>
      </div>
      <div class="stat passives">
        <dt>Passives (7-8)</dt>
        <dd>
          <span class="big">{share(total.passives, total.responses)}</span>
          <span class="sub">{formatCount(total.passives)}</span>
        </dd>
      </div>
      <div class="stat detractors">
        <dt>Detractors (0-6)</dt>
        <dd>
          <span class="big">{share(total.detractors, total.responses)}</span>
          <span class="sub">{formatCount(total.detractors)}</span>
        </dd>
      </div>
      {responseRate.shown > 0 && (
        <div class="stat" data-testid="response-rate">
          <dt>Response rate</dt>
          <dd>
            <span class="big">{share(responseRate.answered, responseRate.shown)}</span>
            <span class="sub">
              {formatCount(responseRate.answered)} answered of {formatCount(responseRate.shown)} shown
            </span>
          </dd>
        </div>
      )}
    </dl>
  );
}
