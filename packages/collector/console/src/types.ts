/** The admin API's answer shapes the console reads: types only, from the collector's own modules. */
import type { NpsReport as ServerNpsReport } from '../../src/domain/reports.ts';

export type { AlertStatus, Channel, Page, TriagePatch, TriageStatus } from '@heed/shared';
export type { NpsPoint, NpsTally, PlanSegment, ReasonKind, ReasonsMonth, ReasonsReport } from '../../src/domain/reports.ts';
export type { PresentedResponse } from '../../src/domain/responses-query.ts';
export type { PresentedAlert } from '../../src/domain/outbox.ts';

/** Shown vs answered prompts over the report's range. */
export interface ResponseRate {
  shown: number;
  answered: number;
  /** answered / shown, 0..1. */
  rate: number;
}

/**
 * The NPS report, with the fields a collector may add: the 0-10 distribution (score '0'..'10' -> count)
 * and the response rate from displays. The console shows them when present and leaves them out otherwise.
 */
export type NpsReport = ServerNpsReport & {
  distribution?: Record<string, number>;
  responseRate?: ResponseRate;
};
