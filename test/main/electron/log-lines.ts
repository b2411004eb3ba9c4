/** A memory logger for adapter tests, with its lines parsed back from JSON. */
import { createMemoryLogger, type Logger } from '../../../src/main/logging/logger';
import { Redactor } from '../../../src/main/logging/redactor';

export interface LogLine {
  readonly level: number;
  readonly msg: string;
  readonly code?: string;
  readonly [field: string]: unknown;
}

export interface MemoryLog {
  readonly logger: Logger;
  /** The lines written so far, once the logger's streams have passed them on. */
  lines(): Promise<LogLine[]>;
}

export function memoryLog(redactor: Redactor = new Redactor()): MemoryLog {
  const memory = createMemoryLogger(redactor);
  return {
    logger: memory.logger,
    async lines() {
      // The logger's redacting stream hands lines on one per tick: wait until no more arrive.
      let count = -1;
      for (let quiet = 0; quiet < 3;) {
        await new Promise((resolve) => setImmediate(resolve));
        const now = memory.lines().length;
        quiet = now === count ? quiet + 1 : 0;
        count = now;
      }
      return memory.lines().map((line) => JSON.parse(line) as LogLine);
    },
  };
}

/** pino's numeric levels. */
export const LEVEL = { debug: 20, info: 30, warn: 40, error: 50 } as const;
