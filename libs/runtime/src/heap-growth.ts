import { setFlagsFromString } from 'node:v8';

/** A full collection once the old generation has grown by half its live size (V8's fixed growth factor 1.5). */
export const HEAP_GROWING_PERCENT = 50;

const HEAP_LIMIT_FLAG = /--max[-_]old[-_]space[-_]size\b/;

/**
 * V8 sizes how far the heap may grow between full collections from the heap's limit: with its default limit
 * (a quarter of the machine's memory, several GB) it lets the old generation reach about four times its live
 * size first. A worker lives on about 50 MB, so its RSS ran a sawtooth up to 250 MB (the backlog bench,
 * apps/cli/src/bench/README.md). This asks V8 for a fixed factor of 1.5 instead, which costs a full
 * collection every few seconds under load (mostly on V8's background threads). An operator who sets a heap
 * limit (`--max-old-space-size`, in NODE_OPTIONS or on the command line) keeps V8's own sizing for it.
 * Returns whether the factor was set.
 */
export function limitHeapGrowth(
  execArgv: readonly string[] = process.execArgv,
  nodeOptions: string | undefined = process.env.NODE_OPTIONS,
  setFlags: (flags: string) => void = setFlagsFromString,
): boolean {
  if (execArgv.some((arg) => HEAP_LIMIT_FLAG.test(arg)) || HEAP_LIMIT_FLAG.test(nodeOptions ?? '')) return false;
  setFlags(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  return true;
}
