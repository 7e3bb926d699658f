/** Where the e2e screenshots of the main screens are kept (test artifacts; look at them). */
import { join } from 'node:path';

export const SCREENSHOT_DIR = join(new URL('../../', import.meta.url).pathname, 'test-results/screenshots');

export function screenshotPath(name: string): string {
  return join(SCREENSHOT_DIR, `${name}.png`);
}
