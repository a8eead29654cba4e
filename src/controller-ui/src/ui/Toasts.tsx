import { dismiss, notices } from '../state/notices.js';

export function Toasts() {
  return (
    <div class="toasts" aria-live="polite">
      {notices.value.map((notice) => (
        <button key={notice.id} class={`toast toast-${notice.level}`} onClick={() => dismiss(notice.id)}>
          {notice.message}
        </button>
      ))}
    </div>
  );
}
