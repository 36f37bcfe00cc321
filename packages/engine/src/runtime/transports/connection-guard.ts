/**
 * Connection limits of the runtime's listeners. Each listener has its own maximum
 * (`[mediate.limits] http_max_connections`, `ws_max_connections`), and all of them together, with
 * the back-end connections the runtime opens, stay within the process's file descriptors minus a
 * reserve (`reserve_connections`), so a flood of slow clients on one port can neither starve the
 * other ports nor make the admin API unreachable.
 *
 * Node refuses a connection past a server's `maxConnections` before any byte is read (the client
 * sees the connection closed) and emits 'drop'; the guard keeps each server's `maxConnections` at
 * its own limit or at what the shared budget leaves it, whichever is lower.
 */
import { readFileSync } from 'node:fs';
import type { Server } from 'node:net';
import type { EventBus } from '../log/event-bus.js';

/** The soft limit of open files of this process (Linux), or undefined where it cannot be read. */
export function openFileLimit(): number | undefined {
  try {
    const line = /^Max open files\s+(\d+|unlimited)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
    return line?.[1] && line[1] !== 'unlimited' ? Number(line[1]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * File descriptors the runtime's connections may use, shared by every listener and the
 * back-end connections. Without a known limit, only the per-listener maximums apply.
 */
export class ConnectionBudget {
  private used = 0;
  private readonly guards = new Set<ServerGuard>();

  private total: number | undefined;

  /** `fileLimit`: the process's open files (undefined: unknown, no shared budget). */
  constructor(
    private readonly fileLimit: number | undefined,
    reserve: number,
  ) {
    this.setReserve(reserve);
  }

  /** A budget of this process's open-file limit minus `reserve` (for the admin API, files, logs). */
  static forProcess(reserve: number): ConnectionBudget {
    return new ConnectionBudget(openFileLimit(), reserve);
  }

  /** What stays free for everything but the runtime's connections (a deploy may change it). */
  setReserve(reserve: number): void {
    this.total = this.fileLimit === undefined ? undefined : Math.max(0, this.fileLimit - reserve);
    for (const g of this.guards) g.apply();
  }

  /** Connections that may still be opened, or Infinity without a limit. */
  get remaining(): number {
    return this.total === undefined ? Infinity : Math.max(0, this.total - this.used);
  }

  /** Takes one for a connection the runtime opens itself (to a back end); false when none is left. */
  tryTake(): boolean {
    if (this.remaining <= 0) return false;
    this.change(1);
    return true;
  }

  release(): void {
    this.change(-1);
  }

  /** Counts a connection a listener accepted (Node already let it in). */
  accepted(): void {
    this.change(1);
  }

  watch(guard: ServerGuard): void {
    this.guards.add(guard);
  }

  unwatch(guard: ServerGuard): void {
    this.guards.delete(guard);
  }

  private change(by: number): void {
    this.used = Math.max(0, this.used + by);
    // Every server's share moves with the budget (a handful of servers: cheap per connection).
    if (this.total !== undefined) for (const g of this.guards) g.apply();
  }
}

/** One listener's limit, kept on its server. */
export class ServerGuard {
  private open = 0;
  private dropped = 0;
  private lastReport = 0;

  constructor(
    private readonly server: Server,
    private max: number,
    private readonly budget: ConnectionBudget,
    private readonly bus: EventBus,
    private readonly label: string,
  ) {
    server.on('connection', (socket) => {
      // maxConnections cannot say "none" (0 means no limit to Node): the one connection it lets
      // in when the budget is spent is closed here, before anything is read from it.
      if (budget.remaining <= 0) {
        socket.destroy();
        this.refused();
        return;
      }
      this.open++;
      budget.accepted();
      socket.once('close', () => {
        this.open--;
        budget.release();
      });
    });
    server.on('drop', () => this.refused());
    budget.watch(this);
    this.apply();
  }

  /** A new maximum (a deploy changed `[mediate.limits]`). */
  setMax(max: number): void {
    this.max = max;
    this.apply();
  }

  /** Stops counting this server in the budget (it closed). */
  stop(): void {
    this.budget.unwatch(this);
  }

  /** This server takes no more than its own maximum, nor more than the budget leaves. */
  apply(): void {
    const share = this.open + this.budget.remaining;
    // maxConnections 0 would mean "no limit" to Node: at least 1.
    this.server.maxConnections = Math.max(1, Math.min(this.max, share));
  }

  /** Says that connections were refused, at most once every 5 s per listener. */
  private refused(): void {
    this.dropped++;
    const now = Date.now();
    if (now - this.lastReport < 5000) return;
    this.lastReport = now;
    const byBudget = this.open < this.max;
    this.bus.emit({
      kind: 'warning',
      level: 'WARN',
      category: 'ConnectionLimit',
      text: byBudget
        ? `${this.label} refused connections: the runtime's connections use every file descriptor but the reserve for the admin API (${this.dropped} refused so far)`
        : `${this.label} refused connections: it has ${this.open} open, its limit ([mediate.limits]) is ${this.max} (${this.dropped} refused so far)`,
    });
  }
}
