/** The inbox's answer shapes the console reads (`/v1/items`, `/v1/catalog`): types only, from the collector's own modules. */
export type { PresentedItem } from '../../src/domain/items-query.ts';
export type { CatalogView } from '../../src/domain/catalog-view.ts';
export type { FeedbackSource, IntakeSource } from '@heed/shared';
