import { createContext, useContext } from 'react';
import type { OrchestratorClient } from '@orchestrator/client';
import type { Session } from './session';

export interface Signed {
  session: Session;
  client: OrchestratorClient;
  signOut(): void;
}

export const SignedContext = createContext<Signed | null>(null);

/** The signed-in session and its API client (only pages behind the sign-in use it). */
export function useSigned(): Signed {
  const signed = useContext(SignedContext);
  if (!signed) throw new Error('useSigned outside a signed-in page');
  return signed;
}
