export * from './accounts';
export * from './fiscal-years';
export * from './platform';
export * from './tenancy';
export * from './seminars';
