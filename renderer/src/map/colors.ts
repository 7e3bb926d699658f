/** Colour arithmetic of the declarative styles; the one implementation lives in layers/ (shared with the print map). */
export { parseColor, toCss, withAlphaOf, type Rgba } from '../../../layers/symbol-paint.js';
