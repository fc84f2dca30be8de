/** The logging surface the engine needs; pino's Logger satisfies it. */
export interface EngineLogger {
  child(bindings: Record<string, unknown>): EngineLogger;
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const silentLogger: EngineLogger = {
  child: () => silentLogger,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
