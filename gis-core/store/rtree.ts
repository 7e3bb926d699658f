/**
 * Reading an SQLite R*Tree's root node. The root's cells bound everything below them, so their
 * union is the layer's extent — read from one page instead of a scan of a million entries.
 * Node format (sqlite/ext/rtree): 2-byte depth, 2-byte cell count, then per cell an 8-byte
 * rowid and, for a 2-D tree, xmin, xmax, ymin, ymax as big-endian float32. SQLite rounds
 * those outwards (by up to two float32 steps, ~0.3 m at VN-2000 northings of 1–2.5 million),
 * so the extent may be that much larger than the data, never smaller.
 */
import type { BBox } from './types.js';

const HEADER_BYTES = 4;
const CELL_BYTES = 8 + 4 * 4;

export function rtreeRootExtent(node: Uint8Array): BBox | null {
  const view = new DataView(node.buffer, node.byteOffset, node.byteLength);
  const cells = view.getUint16(2, false);
  if (cells === 0) return null;
  let minx = Infinity;
  let maxx = -Infinity;
  let miny = Infinity;
  let maxy = -Infinity;
  for (let i = 0; i < cells; i++) {
    const at = HEADER_BYTES + i * CELL_BYTES + 8;
    minx = Math.min(minx, view.getFloat32(at, false));
    maxx = Math.max(maxx, view.getFloat32(at + 4, false));
    miny = Math.min(miny, view.getFloat32(at + 8, false));
    maxy = Math.max(maxy, view.getFloat32(at + 12, false));
  }
  return [minx, miny, maxx, maxy];
}
