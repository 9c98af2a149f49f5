export * from './primitives.ts';
export * from './nps.ts';
export * from './survey.ts';
export * from './config.ts';
export * from './submission.ts';
export * from './response.ts';
export * from './alert.ts';
export * from './admin.ts';
