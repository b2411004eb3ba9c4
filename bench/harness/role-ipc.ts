/**
 * Helper processes for multi-process benchmarks (simulator, clients): a case forks its own
 * bundle with CHAINLENS_BENCH_ROLE set, and talks to the child by request/response over the
 * IPC channel. Each helper is a fresh process, so one client's JIT state, heap and sockets
 * never leak into the next measurement.
 */
import { fork, type ChildProcess } from 'node:child_process';

export const ROLE_ENV = 'CHAINLENS_BENCH_ROLE';
/** When set (by `npm run bench -- --profile DIR`), every benchmark process writes a V8 CPU profile there. */
export const PROFILE_ENV = 'CHAINLENS_BENCH_PROFILE_DIR';

/** Node flags that make a process write a .cpuprofile on exit, when profiling was asked for. */
export function profileArgs(): string[] {
  const dir = process.env[PROFILE_ENV];
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
}

type Handler = (args: unknown) => unknown;

interface Request {
  readonly id: number;
  readonly op: string;
  readonly args: unknown;
}

interface Reply {
  readonly id: number;
  readonly ok: boolean;
  readonly value?: unknown;
  readonly error?: string;
}

/** The role this process was forked for, or null for the case's main process. */
export function currentRole(): string | null {
  return process.env[ROLE_ENV] ?? null;
}

/** Child side: answers requests with `handlers` until the parent disconnects. */
export function serveRole(handlers: Readonly<Record<string, Handler>>): void {
  process.on('message', (message: Request) => {
    const handler = handlers[message.op];
    const reply = (r: Reply): void => {
      process.send?.(r);
    };
    if (handler === undefined) {
      reply({ id: message.id, ok: false, error: `unknown operation ${message.op}` });
      return;
    }
    Promise.resolve()
      .then(() => handler(message.args))
      .then(
        (value) => reply({ id: message.id, ok: true, value }),
        (error: unknown) =>
          reply({
            id: message.id,
            ok: false,
            error: error instanceof Error ? (error.stack ?? error.message) : String(error),
          }),
      );
  });
  // The parent going away means the benchmark is over, whatever state this helper is in.
  process.on('disconnect', () => process.exit(0));
}

/** Parent side: a forked helper process. */
export class RoleProcess {
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void }
  >();
  private exited: string | null = null;

  private constructor(
    readonly role: string,
    private readonly child: ChildProcess,
  ) {
    child.on('message', (reply: Reply) => {
      const waiter = this.pending.get(reply.id);
      if (!waiter) return;
      this.pending.delete(reply.id);
      if (reply.ok) waiter.resolve(reply.value);
      else waiter.reject(new Error(`${role}: ${reply.error}`));
    });
    child.on('exit', (code, signal) => {
      this.exited = `${role} exited (${signal ?? code})`;
      for (const waiter of this.pending.values()) waiter.reject(new Error(this.exited));
      this.pending.clear();
    });
  }

  /**
   * Forks `file` (this case's bundle) in `role`.
   * @param nodeArgs extra node flags for the child, e.g. --expose-gc. Default none.
   */
  static start(file: string, role: string, nodeArgs: readonly string[] = []): RoleProcess {
    const child = fork(file, [], {
      env: { ...process.env, [ROLE_ENV]: role },
      execArgv: ['--enable-source-maps', ...profileArgs(), ...nodeArgs],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return new RoleProcess(role, child);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  call<T>(op: string, args: unknown = null): Promise<T> {
    if (this.exited) return Promise.reject(new Error(this.exited));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.child.send({ id, op, args } satisfies Request);
    });
  }

  /**
   * Asks the helper to finish `op` (if given), then to exit by closing the IPC channel (so a
   * CPU profile gets written), and kills it if it has not gone within `timeoutMs`. Never rejects.
   */
  async stop(op: string | null = 'stop', timeoutMs = 10_000): Promise<void> {
    if (op !== null && !this.exited) {
      await Promise.race([this.call(op).catch(() => undefined), sleep(timeoutMs)]);
    }
    if (this.exited) return;
    const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    if (this.child.connected) this.child.disconnect();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    await gone;
    clearTimeout(timer);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
