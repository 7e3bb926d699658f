/**
 * No path out of the kiosk page, in the page itself (the Electron shell and the CSP add their
 * own walls: electron/security.ts, gis-core/server/csp.ts):
 * - no context menu, no dragging (of links, images, map canvases), no text selection outside inputs;
 * - no keyboard shortcut to devtools, view-source, back/forward, new windows or tabs, reload,
 *   find or the browser's print (the sheet has its own button);
 * - links and navigations to any other page — another origin, or another page of this one —
 *   are cancelled (the Navigation API's `navigate` event covers links, forms and scripts);
 * - window.open opens nothing.
 */

/** Whether a navigation to `url` may leave the kiosk page: never, except to itself (same path, other query/hash). */
export function navigationAllowed(url: string, here: Location = window.location): boolean {
  try {
    const target = new URL(url, here.href);
    return target.origin === here.origin && target.pathname === here.pathname;
  } catch {
    return false;
  }
}

/** Shortcuts the kiosk swallows (key as KeyboardEvent.key, lower-cased). */
export function blockedShortcut(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>, inInput: boolean): boolean {
  const key = event.key.toLowerCase();
  const mod = event.ctrlKey || event.metaKey;
  if (['f1', 'f3', 'f5', 'f6', 'f7', 'f10', 'f11', 'f12', 'browserback', 'browserforward', 'browserrefresh', 'browserhome', 'contextmenu'].includes(key)) return true;
  if (event.altKey && ['arrowleft', 'arrowright', 'home', 'f4', 'd'].includes(key)) return true;
  if (mod && event.shiftKey && ['i', 'j', 'c', 'k', 'e', 'm', 'delete', 'n', 't', 'w', 'r', 'o', 'b'].includes(key)) return true;
  if (mod && ['u', 'p', 's', 'o', 'n', 't', 'w', 'r', 'l', 'f', 'g', 'h', 'j', 'd', 'e', 'k', 'q', '[', ']', '+', '-', '=', '0'].includes(key)) return true;
  if (key === 'backspace' && !inInput) return true;
  return false;
}

function isInput(target: EventTarget | null): boolean {
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement;
}

interface NavigateEventLike extends Event {
  readonly destination: { readonly url: string };
  readonly cancelable: boolean;
}

export function lockDown(): void {
  const stop = (event: Event) => event.preventDefault();
  document.addEventListener('contextmenu', stop, { capture: true });
  document.addEventListener('dragstart', stop, { capture: true });
  document.addEventListener('drop', stop, { capture: true });
  document.addEventListener('dragover', stop, { capture: true });
  document.addEventListener(
    'selectstart',
    (event) => {
      if (!isInput(event.target)) event.preventDefault();
    },
    { capture: true },
  );
  window.addEventListener(
    'keydown',
    (event) => {
      if (blockedShortcut(event, isInput(event.target))) {
        event.preventDefault();
        event.stopPropagation();
      }
    },
    { capture: true },
  );
  document.addEventListener(
    'click',
    (event) => {
      const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
      if (link && !navigationAllowed((link as HTMLAnchorElement).href)) event.preventDefault();
    },
    { capture: true },
  );
  const navigation = (window as unknown as { navigation?: EventTarget }).navigation;
  navigation?.addEventListener('navigate', (event) => {
    const navigate = event as NavigateEventLike;
    if (navigate.cancelable && !navigationAllowed(navigate.destination.url)) navigate.preventDefault();
  });
  window.open = () => null;
}
