/**
 * How the fuzz scenario judges an answer. A refusal is a 4xx, or the 510 FORM_NOT_COMPLETE a multi-page form
 * answers with too few pages (ENGINE.md 13.7): both are the client's doing, must carry the standard error
 * body and must write nothing. Any other 5xx is a failure.
 */
export function isRefusal(status: number, text: string): boolean {
  if (status >= 400 && status < 500) return true;
  return status === 510 && parsedError(text)?.code === 'FORM_NOT_COMPLETE';
}

export function isServerFailure(status: number, text: string): boolean {
  return status >= 500 && !isRefusal(status, text);
}

/** `{ error: { code, message, details: [] } }` and no stack trace, file path or module path in it. */
export function isStandardError(text: string): boolean {
  const error = parsedError(text);
  const shaped = typeof error?.code === 'string' && typeof error.message === 'string' && Array.isArray(error.details);
  return shaped && !/\n\s+at |node_modules|\.ts:\d+/.test(text);
}

function parsedError(text: string): { code?: unknown; message?: unknown; details?: unknown } | undefined {
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null;
    return body?.error ?? undefined;
  } catch {
    return undefined;
  }
}
