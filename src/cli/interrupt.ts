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
 * Ends the process at once with `signal`: the temporaries of writes in progress are removed
 * by `cleanUp`, the handlers are removed and the signal is raised again with its default
 * action, so the process dies of it (status 130 or 143 in a shell) without running exit
 * handlers (Dawn's teardown can crash while a dispatch is in flight).
 */
export function dieOf(signal: StopSignal, cleanUp: () => void): void {
  cleanUp();
  process.removeAllListeners(signal);
  process.kill(process.pid, signal);
  // Should the signal not end the process, exit with its status.
  setTimeout(() => process.exit(exitStatusOf(signal)), 1000).unref();
}

/**
 * Installs SIGINT/SIGTERM handlers for one command: the first signal sets `interrupt` (the
 * command stops at the next dispatch boundary and writes what it computed); a second one
 * removes the temporary files of writes in progress and exits at once. Returns the uninstaller.
 */
export function listenToSignals(
  interrupt: Interrupt,
  say: (line: string) => void,
  exitNow: (signal: StopSignal) => void,
): () => void {
  const handler = (signal: StopSignal) => {
    if (interrupt.requested) {
      exitNow(signal);
      return;
    }
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
