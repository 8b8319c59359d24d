export * from './platform';
export * from './registers';
