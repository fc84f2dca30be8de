export * from './live-events';
export * from './stream-ids';
export * from './event-publisher';
export * from './event-feed';
export * from './event-tickets';
export * from './derived-events';
