/** The admin API's answer shapes the console reads: types only, from the collector's own modules. */
import type { NpsReport as ServerNpsReport } from '../../src/domain/reports.ts';

export type { AlertStatus, Channel, Page, TriagePatch, TriageStatus } from '@heed/shared';
export type { NpsPoint, NpsTally, PlanSegment, ReasonKind, ReasonsMonth, ReasonsReport } from '../../src/domain/reports.ts';
export type { PresentedResponse } from '../../src/domain/responses-query.ts';
export type { CsatPoint, CsatReport, CsatTally } from '../../src/domain/csat-report.ts';
export type { PresentedAlert } from '../../src/domain/outbox.ts';

/** The NPS report: points, total, the 0-10 score distribution and the response rate from displays. */
export type NpsReport = ServerNpsReport;
export type ResponseRate = ServerNpsReport['responseRate'];
