// Short messages for the operator (a refused edit, a device that dropped), shown as toasts.
import { signal } from '@preact/signals';

export interface Notice {
  readonly id: number;
  readonly level: 'info' | 'warning' | 'error';
  readonly message: string;
}

const SHOW_FOR_MS = { info: 2500, warning: 5000, error: 6000 } as const;

export const notices = signal<readonly Notice[]>([]);
let nextId = 1;

export function notify(level: Notice['level'], message: string): void {
  const notice: Notice = { id: nextId++, level, message };
  notices.value = [...notices.value.slice(-3), notice];
  setTimeout(() => dismiss(notice.id), SHOW_FOR_MS[level]);
}

export function dismiss(id: number): void {
  notices.value = notices.value.filter((notice) => notice.id !== id);
}
