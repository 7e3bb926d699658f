/**
 * Depression filling by Priority-Flood (Barnes, Lehman & Mulla 2014, "Priority-Flood: An
 * optimal depression-filling and watershed-labeling algorithm", Algorithm 2 with the plain
 * queue for pit cells): water drains off the grid's edge and into nodata; every cell is raised
 * to the lowest level at which it can drain. `filled − dem` is the water a depression holds
 * (ponding). O(n log n) for the cells on the priority queue, O(1) each for pit cells; 8-neighbour,
 * as the inundation.
 */

/** A binary min-heap of cell indices keyed by a Float32Array of elevations. */
class CellHeap {
  private readonly cells: Int32Array;
  private size = 0;
  constructor(
    capacity: number,
    private readonly key: Float32Array,
  ) {
    this.cells = new Int32Array(Math.max(1, capacity));
  }
  get length(): number {
    return this.size;
  }
  push(cell: number): void {
    const cells = this.cells;
    const key = this.key;
    const k = key[cell] as number;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = cells[parent] as number;
      if ((key[p] as number) <= k) break;
      cells[i] = p;
      i = parent;
    }
    cells[i] = cell;
  }
  pop(): number {
    const cells = this.cells;
    const key = this.key;
    const top = cells[0] as number;
    const last = cells[--this.size] as number;
    const k = key[last] as number;
    const n = this.size;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && (key[cells[child + 1] as number] as number) < (key[cells[child] as number] as number)) child++;
      const c = cells[child] as number;
      if ((key[c] as number) >= k) break;
      cells[i] = c;
      i = child;
    }
    if (n > 0) cells[i] = last;
    return top;
  }
}

export interface FillOptions {
  /** Called now and then with the share of cells done (0 … 1); may throw to stop. */
  readonly onProgress?: (fraction: number) => void;
}

/** The depression-filled copy of `values` (NaN stays NaN). */
export function priorityFlood(values: Float32Array, columns: number, rows: number, options: FillOptions = {}): Float32Array {
  const n = columns * rows;
  const filled = Float32Array.from(values);
  const closed = new Uint8Array(n);
  const heap = new CellHeap(n, filled);
  const pit = new Int32Array(n);
  let pitHead = 0;
  let pitTail = 0;
  let done = 0;
  const isOutlet = (row: number, col: number): boolean => {
    if (row === 0 || col === 0 || row === rows - 1 || col === columns - 1) return true;
    for (let r = row - 1; r <= row + 1; r++) {
      for (let c = col - 1; c <= col + 1; c++) if (Number.isNaN(values[r * columns + c] as number)) return true;
    }
    return false;
  };
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < columns; col++) {
      const cell = row * columns + col;
      if (Number.isNaN(values[cell] as number)) {
        closed[cell] = 1;
        done++;
      } else if (isOutlet(row, col)) {
        closed[cell] = 1;
        heap.push(cell);
      }
    }
  }
  const every = Math.max(1, Math.floor(n / 100));
  while (heap.length > 0 || pitHead < pitTail) {
    const cell = pitHead < pitTail ? (pit[pitHead++] as number) : heap.pop();
    if (pitHead === pitTail) pitHead = pitTail = 0;
    const e = filled[cell] as number;
    const row = (cell / columns) | 0;
    const col = cell - row * columns;
    const r0 = row > 0 ? row - 1 : 0;
    const r1 = row < rows - 1 ? row + 1 : row;
    const c0 = col > 0 ? col - 1 : 0;
    const c1 = col < columns - 1 ? col + 1 : col;
    for (let r = r0; r <= r1; r++) {
      for (let c = c0, k = r * columns + c0; c <= c1; c++, k++) {
        if (closed[k]) continue;
        closed[k] = 1;
        if ((filled[k] as number) <= e) {
          filled[k] = e;
          pit[pitTail++] = k;
        } else heap.push(k);
      }
    }
    if (++done % every === 0) options.onProgress?.(done / n);
  }
  return filled;
}

/**
 * The lowest water level at which each cell is reached from the sources: the minimax path cost
 * (8-neighbour) from any source over the elevations, itself included — Priority-Flood seeded
 * with the sources instead of the edge. A cell is under water at level L exactly when
 * `arrival < fround(L)` (every cell on some path from a source is below L), which is the rule of
 * inundate.ts / r.lake for every level at once: a level slider re-renders without re-flooding.
 * NaN where no path reaches (nodata, or cut off by nodata).
 */
export function arrivalLevels(values: Float32Array, columns: number, rows: number, sources: Iterable<number>, options: FillOptions = {}): Float32Array {
  const n = columns * rows;
  const arrival = new Float32Array(n).fill(NaN);
  const closed = new Uint8Array(n);
  const heap = new CellHeap(n, arrival);
  for (const s of sources) {
    if (closed[s] || Number.isNaN(values[s] as number)) continue;
    closed[s] = 1;
    arrival[s] = values[s] as number;
    heap.push(s);
  }
  // Cells reached at the level of the cell being expanded go to a plain FIFO (Barnes et al.'s
  // pit queue): their key equals the current minimum, so they are expanded before anything on
  // the heap and the order stays Dijkstra's. On flat or falling ground most cells skip the heap.
  const fifo = new Int32Array(n);
  let head = 0;
  let tail = 0;
  let done = 0;
  const every = Math.max(1, Math.floor(n / 100));
  while (head < tail || heap.length > 0) {
    const cell = head < tail ? (fifo[head++] as number) : heap.pop();
    if (head === tail) head = tail = 0;
    const a = arrival[cell] as number;
    const row = (cell / columns) | 0;
    const col = cell - row * columns;
    const r0 = row > 0 ? row - 1 : 0;
    const r1 = row < rows - 1 ? row + 1 : row;
    const c0 = col > 0 ? col - 1 : 0;
    const c1 = col < columns - 1 ? col + 1 : col;
    for (let r = r0; r <= r1; r++) {
      for (let c = c0, k = r * columns + c0; c <= c1; c++, k++) {
        if (closed[k]) continue;
        const e = values[k] as number;
        if (Number.isNaN(e)) continue;
        closed[k] = 1;
        if (e > a) {
          arrival[k] = e;
          heap.push(k);
        } else {
          arrival[k] = a;
          fifo[tail++] = k;
        }
      }
    }
    if (++done % every === 0) options.onProgress?.(done / n);
  }
  return arrival;
}
