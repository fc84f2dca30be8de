import { execFileSync } from 'node:child_process';
import { limitHeapGrowth } from './heap-growth';

describe('limitHeapGrowth', () => {
  it('sets a growth factor unless the operator chose a heap limit', () => {
    const set: string[] = [];
    const record = (flags: string) => set.push(flags);
    expect(limitHeapGrowth([], undefined, record)).toBe(true);
    expect(limitHeapGrowth(['--max-old-space-size=2048'], undefined, record)).toBe(false);
    expect(limitHeapGrowth([], '--enable-source-maps --max_old_space_size=1024', record)).toBe(false);
    expect(set).toEqual(['--heap-growing-percent=50']);
  });

  // The flag is read at each full collection, so setting it after start-up changes how far the heap grows:
  // a process that keeps promoting garbage (objects that outlive two scavenges) peaks far lower with it. The
  // run is a fixed amount of allocation in event-loop turns (V8 finishes its marking between them), not a time.
  it('keeps a process promoting garbage nearer its live size', () => {
    const peakMb = (limit: boolean): number => {
      const script = `
        ${limit ? `require(${JSON.stringify(require.resolve('./heap-growth'))}).limitHeapGrowth();` : ''}
        const v8 = require('node:v8');
        globalThis.live = Array.from({ length: 50000 }, (_, i) => ({ i, s: 'x' + i, c: [i, i + 1] }));
        const ring = new Array(20000);
        let k = 0, peak = 0, turns = 0;
        const turn = () => {
          for (let j = 0; j < 2000; j++) ring[k++ % ring.length] = { k, s: 'step' + k, a: new Array(20).fill(k), o: { y: { k } } };
          peak = Math.max(peak, v8.getHeapStatistics().total_heap_size);
          if (++turns < 1500) setImmediate(turn);
          else process.stdout.write(String(Math.round(peak / 1e6)));
        };
        turn();`;
      const out = execFileSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], {
        env: { ...process.env, NODE_OPTIONS: '' },
      });
      return Number(out.toString());
    };
    const [limited, unlimited] = [peakMb(true), peakMb(false)];
    expect(limited).toBeLessThan(unlimited * 0.8);
  });
});
