/**
 * Keyboard shortcuts while editing. Keys are not taken while the person types in a field (an
 * input, a select, a text area), except Esc, which leaves the field alone too.
 */
export type EditCommand = 'undo' | 'redo' | 'delete' | 'cancel' | 'finish' | 'removeLastPoint' | 'draw' | 'move' | 'reshape' | 'split';

/** The key shown in tooltips for each command. */
export const SHORTCUT_KEYS: Readonly<Record<EditCommand, string>> = {
  undo: 'Ctrl+Z',
  redo: 'Ctrl+Shift+Z',
  delete: 'Delete',
  cancel: 'Esc',
  finish: 'Enter',
  removeLastPoint: 'Backspace',
  draw: 'D',
  move: 'M',
  reshape: 'V',
  split: 'S',
};

/** True when a key press belongs to a form field, not to the map. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'range', 'submit'].includes(type);
}

export function commandFor(event: KeyboardEvent): EditCommand | null {
  if (isTyping(event.target)) return null;
  const key = event.key;
  const ctrl = event.ctrlKey || event.metaKey;
  if (ctrl && !event.altKey) {
    const lower = key.toLowerCase();
    if (lower === 'z') return event.shiftKey ? 'redo' : 'undo';
    if (lower === 'y' && !event.shiftKey) return 'redo';
    return null;
  }
  if (event.altKey) return null;
  switch (key) {
    case 'Escape':
      return 'cancel';
    case 'Enter':
      return 'finish';
    case 'Delete':
      return 'delete';
    case 'Backspace':
      return 'removeLastPoint';
  }
  if (event.shiftKey) return null;
  switch (key.toLowerCase()) {
    case 'd':
      return 'draw';
    case 'm':
      return 'move';
    case 'v':
      return 'reshape';
    case 's':
      return 'split';
    default:
      return null;
  }
}
