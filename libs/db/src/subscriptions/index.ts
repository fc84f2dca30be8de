export * from './postgres-subscription-service';
export * from './product-queries';
export * from './product-sync';
export * from './subscription-commands';
export * from './subscription-errors';
export * from './subscription-json';
export * from './subscription-queries';
export * from './subscription-gates';
