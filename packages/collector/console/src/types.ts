/** The admin API's answer shapes the console reads: types only, from the collector's own modules. */
export type { Page, TriagePatch, TriageStatus } from '@heed/shared';
export type { NpsPoint, NpsReport, PlanSegment, ReasonKind, ReasonsMonth, ReasonsReport } from '../../src/domain/reports.ts';
export type { PresentedResponse } from '../../src/domain/responses-query.ts';
