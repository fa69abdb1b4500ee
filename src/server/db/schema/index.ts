export * from './accounts';
export * from './fiscal-years';
export * from './platform';
export * from './tenancy';
export * from './menus';
export * from './surveys';
export * from './seminars';
export * from './applications';
