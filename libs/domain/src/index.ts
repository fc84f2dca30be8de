export * from './lifecycle-gates';
export * from './subscription-data';
export * from './block-tree';
export * from './subscription-refusals';
