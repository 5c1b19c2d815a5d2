import { InterruptedError } from '../errors.ts';

/** The signals that stop a long command at its next dispatch boundary. */
export type StopSignal = 'SIGINT' | 'SIGTERM';

/** Exit status of a command stopped by a signal: 128 + the signal number (130, 143). */
export function exitStatusOf(signal: StopSignal): number {
  return signal === 'SIGINT' ? 130 : 143;
}

/**
 * A stop request, set by the first SIGINT or SIGTERM and polled by the commands at every
 * dispatch boundary (`requested`, `throwIfRequested`). Tests set it directly.
 */
export class Interrupt {
  private received: StopSignal | undefined;
  private readonly controller = new AbortController();

  /** Aborted (with an InterruptedError) by the first signal: for library calls that take a signal. */
  get abortSignal(): AbortSignal {
    return this.controller.signal;
  }

  get signal(): StopSignal | undefined {
    return this.received;
  }

  get requested(): boolean {
    return this.received !== undefined;
  }

  request(signal: StopSignal): void {
    if (this.received) return;
    this.received = signal;
    this.controller.abort(new InterruptedError(signal));
  }

  /** Throws an `InterruptedError` once a signal came (for work that cannot stop half-way). */
  throwIfRequested(): void {
    if (this.received) throw new InterruptedError(this.received);
  }
}

/**
 * Installs SIGINT/SIGTERM handlers for one command: the first signal sets `interrupt` (the
 * command stops at the next dispatch boundary and writes what it computed); a second one
 * removes the temporary files of writes in progress and exits at once. Returns the uninstaller.
 */
export function listenToSignals(
  interrupt: Interrupt,
  say: (line: string) => void,
  exitNow: (status: number) => never,
): () => void {
  const handler = (signal: StopSignal) => {
    if (interrupt.requested) exitNow(exitStatusOf(signal));
    interrupt.request(signal);
    say(
      `adamscope: ${signal} received; stopping at the next dispatch boundary and writing what was computed (send it again to exit at once)`,
    );
  };
  const onInt = () => handler('SIGINT');
  const onTerm = () => handler('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  return () => {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
  };
}
