import { useEffect } from 'react';

/** `Mod+Enter` is Ctrl+Enter (⌘+Enter on a Mac); every other shortcut is its key. */
export type Shortcuts = Partial<Record<string, () => void>>;

/**
 * The page's keyboard shortcuts, wherever the focus is on the page except while typing (Escape still
 * reaches the page). A key without a handler is left to the browser.
 */
export function useReviewShortcuts(shortcuts: Shortcuts) {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if ((e.target as HTMLElement).closest('input, textarea, [role="dialog"]') && e.key !== 'Escape') return;
      const run = shortcuts[e.key === 'Enter' && (e.ctrlKey || e.metaKey) ? 'Mod+Enter' : e.key];
      if (!run) return;
      run();
      e.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  });
}
