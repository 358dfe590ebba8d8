import type { Executor } from '../db/types'
import type { DomainEvent } from './types'

/**
 * A consumer of domain events. With `transactional` (the default) its work runs in one transaction
 * together with a receipt, so it takes effect exactly once even when a job is delivered twice.
 * Handlers that call the network set `transactional: false` and must be idempotent themselves.
 */
export type EventHandler = {
  name: string
  /**
   * Event types, prefixes ending in '.*' ('account.*'), suffixes starting with '*.' ('*.created': every
   * entity's, custom objects' included, whose names are not known in advance), or '*' for all.
   */
  events: string[]
  transactional?: boolean
  retryLimit?: number
  retryDelaySeconds?: number
  handle(tx: Executor, event: DomainEvent): Promise<void>
  /**
   * Optional, for handlers that recompute from the database (an account's tier, segment…): the events of a
   * fetched batch at once, in order, in one transaction — so that one recompute serves every event of the
   * same account. Must leave what `handle` called for each event in turn would leave. Without it, the
   * batch runs `handle` per event (ADR 0035).
   */
  handleMany?(tx: Executor, events: DomainEvent[]): Promise<void>
}

/** Where later modules (rules, health, webhooks, notifications) plug in their handlers. */
export class HandlerRegistry {
  private readonly handlers = new Map<string, EventHandler>()

  register(handler: EventHandler): this {
    if (!/^[a-z0-9_.-]+$/.test(handler.name))
      throw new Error(`Handler name "${handler.name}" must be [a-z0-9_.-]`)
    if (this.handlers.has(handler.name)) throw new Error(`Handler "${handler.name}" is registered twice`)
    this.handlers.set(handler.name, handler)
    return this
  }

  all(): EventHandler[] {
    return [...this.handlers.values()]
  }

  get(name: string): EventHandler | undefined {
    return this.handlers.get(name)
  }

  forEvent(type: string): EventHandler[] {
    return this.all().filter((h) => h.events.some((e) => matches(e, type)))
  }
}

export const matches = (pattern: string, type: string) =>
  pattern === '*' ||
  pattern === type ||
  (pattern.endsWith('.*') && type.startsWith(pattern.slice(0, -1))) ||
  (pattern.startsWith('*.') && type.endsWith(pattern.slice(1)))

export const queueOf = (handlerName: string) => `event.${handlerName}`
