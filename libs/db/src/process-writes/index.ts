// Every statement that inserts, updates or deletes a process, one operation per file; each file names the
// arrow of the status diagram (libs/engine/README.md) it performs.
export * from './command-outcomes';
export * from './start-process';
export * from './start-locking-process';
export * from './commit-step';
export * from './commit-wait';
export * from './fail-step';
export * from './step-write-values';
export * from './resume-processes';
export * from './resume-process';
export * from './resume-all-tasks';
export * from './abort-process';
export * from './answer-input';
export * from './deliver-callback';
export * from './time-out-callbacks';
export * from './delete-task';
export * from './delete-finished-tasks';
export * from './set-note';
export * from './pin-unversioned-processes';
export * from './migrate-process';
export * from './start-child';
export * from './wake-parent';
