import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { EntityManager } from 'typeorm';

/** A listener: runs inside the publisher's transaction, with its EntityManager. */
export type EventListener<P> = (tx: EntityManager, payload: P) => Promise<void> | void;

export interface ListenerOptions {
  /**
   * Listeners of one event run in ascending order (default 0); equal orders run in the order
   * of their names (`Class.method`), so the sequence is the same in every app.
   */
  order?: number;
}

interface Registration {
  name: string;
  order: number;
}

const LISTENS = Symbol('witness:listens-to');

/**
 * The decorator factory for one event map: `listenerFor<DomainEvents>()` gives a method
 * decorator whose event names and payload types are checked against the map.
 */
export function listenerFor<M extends object>() {
  return <K extends keyof M & string>(name: K, options: ListenerOptions = {}) =>
    <T extends EventListener<M[K]>>(
      _target: object,
      _key: string | symbol,
      descriptor: TypedPropertyDescriptor<T>,
    ): void => {
      const fn = descriptor.value as object;
      const list: Registration[] = Reflect.getMetadata(LISTENS, fn) ?? [];
      Reflect.defineMetadata(LISTENS, [...list, { name, order: options.order ?? 0 }], fn);
    };
}

interface Entry {
  label: string;
  order: number;
  run: EventListener<unknown>;
}

/**
 * The in-process, in-transaction event bus. A feature announces a fact with
 * `publish(tx, name, payload)`; every listener of that name runs at once, in order, inside
 * the caller's transaction: what a listener writes commits with the change, and a listener
 * that throws rolls the whole change back. Nothing here leaves the process: work for another
 * process is an outbox row (OutboxService.add) written by a listener or the publisher.
 *
 * Listeners are methods of singleton providers marked with the map's decorator (see
 * `listenerFor`); they are found when the application initialises. A class provided by
 * several modules listens once.
 */
@Injectable()
export class EventBus<M extends object = Record<string, unknown>> implements OnModuleInit {
  private readonly log = new Logger('EventBus');
  private readonly listeners = new Map<string, Entry[]>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {}

  onModuleInit(): void {
    const seen = new Set<string>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const proto = Object.getPrototypeOf(instance) as object | null;
      if (!proto) continue;
      for (const method of this.scanner.getAllMethodNames(proto)) {
        const fn = instance[method];
        if (typeof fn !== 'function') continue;
        const regs: Registration[] | undefined = Reflect.getMetadata(LISTENS, fn);
        if (!regs) continue;
        const label = `${proto.constructor.name}.${method}`;
        for (const r of regs) {
          const key = `${r.name}:${label}`;
          if (seen.has(key)) continue;
          seen.add(key);
          this.add(r.name, { label, order: r.order, run: fn.bind(instance) });
        }
      }
    }
  }

  /** Register a listener by hand (tests, or code that is not a provider). */
  on<K extends keyof M & string>(
    name: K,
    label: string,
    run: EventListener<M[K]>,
    options: ListenerOptions = {},
  ): void {
    this.add(name, { label, order: options.order ?? 0, run: run as EventListener<unknown> });
  }

  /** Who listens to an event, in the order they run (for documentation and tests). */
  listenersOf(name: keyof M & string): string[] {
    return (this.listeners.get(name) ?? []).map((e) => e.label);
  }

  /** Announce a fact inside `tx`: every listener runs now, in order, in that transaction. */
  async publish<K extends keyof M & string>(
    tx: EntityManager,
    name: K,
    payload: M[K],
  ): Promise<void> {
    if (!tx.queryRunner?.isTransactionActive) {
      throw new Error(`Event ${name} published outside a transaction`);
    }
    for (const e of this.listeners.get(name) ?? []) {
      try {
        await e.run(tx, payload);
      } catch (err) {
        this.log.debug(`${e.label} failed on ${name}: the transaction rolls back`);
        throw err;
      }
    }
  }

  private add(name: string, entry: Entry): void {
    const list = [...(this.listeners.get(name) ?? []), entry];
    list.sort((a, b) => a.order - b.order || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
    this.listeners.set(name, list);
  }
}
