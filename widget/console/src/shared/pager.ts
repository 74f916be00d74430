/**
 * Cursor paging (`?cursor=` → `{ <items>, next_cursor }`) as a reactive controller: the
 * leads, the audit log and the operator's site list. "Show more" appends the next page;
 * `reload()` starts over. The Task aborts its request when the element leaves the page.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { Task } from '@lit/task';
import { str } from '../api.js';

export interface Page<T> {
  items: T[];
  next: string;
}

export class CursorPager<T> implements ReactiveController {
  items: T[] = [];
  /** The cursor of the next page; '' when this was the last. */
  next = '';
  /** Whether the first page has arrived. */
  loaded = false;

  readonly task: Task<readonly [string], Page<T>>;

  constructor(
    host: ReactiveControllerHost,
    fetchPage: (cursor: string, signal: AbortSignal) => Promise<Page<T>>,
  ) {
    host.addController(this);
    this.task = new Task(host, {
      autoRun: false,
      task: ([cursor], { signal }) => fetchPage(cursor, signal),
      onComplete: (page) => {
        this.items = [...this.items, ...page.items];
        this.next = page.next;
        this.loaded = true;
      },
    });
  }

  hostConnected(): void {
    if (!this.loaded) void this.task.run(['']);
  }

  hostDisconnected(): void {
    this.task.abort();
  }

  more = () => void this.task.run([this.next]);

  reload = () => {
    this.items = [];
    this.next = '';
    this.loaded = false;
    void this.task.run(['']);
  };

  /** Drops one item without a reload (a forgotten customer). */
  remove(match: (item: T) => boolean): void {
    this.items = this.items.filter((i) => !match(i));
  }
}

export const cursorOf = (v: unknown) => str(v);
