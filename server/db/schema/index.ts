export * from './platform';
export * from './registers';
export * from './inspections';
export * from './complaints';
export * from './documents';
