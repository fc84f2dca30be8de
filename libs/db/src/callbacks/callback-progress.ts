import type { DataSource } from 'typeorm';
import { awaitedCallback, inCallbackTransaction, type CallbackRefusal, type CallbackTarget } from './awaited-callback';
import { hashCallbackToken } from './callback-token-hash';

/**
 * Keeps the latest progress of a callback still awaited; shown in the detail until the next step. Writes the
 * token's row only, never the process.
 */
export async function recordCallbackProgress(
  dataSource: DataSource,
  target: CallbackTarget,
  progress: unknown,
): Promise<{ readonly kind: 'recorded' } | CallbackRefusal> {
  const tokenHash = hashCallbackToken(target.token);
  return inCallbackTransaction(
    (work) => dataSource.transaction(work),
    async (manager) => {
      const awaited = await awaitedCallback(manager, target, tokenHash);
      if (awaited.kind !== 'awaited') return awaited;
      await manager.query(
        `UPDATE callback_tokens SET progress = $2::jsonb, progress_at = clock_timestamp() WHERE token_hash = $1`,
        [tokenHash, JSON.stringify(progress)],
      );
      return { kind: 'recorded' } as const;
    },
  );
}
