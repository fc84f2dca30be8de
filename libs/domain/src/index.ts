export * from './lifecycle-gates';
export * from './subscription-data';
