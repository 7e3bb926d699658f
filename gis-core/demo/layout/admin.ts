/** Administrative and cadastral divisions: wards (phường) and map sheets (tờ bản đồ). */
import type { Pt } from '../geometry.js';
import { wardName } from '../names.js';

/** Cadastral map sheets at 1:1000 cover 500 m × 500 m; numbered row by row from the north-west. */
export const SHEET_SIZE_M = 500;

export class Divisions {
  private readonly wardCell: number;
  private readonly wardCols: number;
  private readonly sheetCols: number;

  constructor(
    private readonly width: number,
    private readonly height: number,
  ) {
    this.wardCell = Math.max(600, width / 4);
    this.wardCols = Math.max(1, Math.ceil((width + 50) / this.wardCell));
    this.sheetCols = Math.ceil((width + 100) / SHEET_SIZE_M);
  }

  ward(p: Pt): string {
    const col = Math.min(this.wardCols - 1, Math.max(0, Math.floor((p[0] + 25) / this.wardCell)));
    const row = Math.max(0, Math.floor(p[1] / this.wardCell));
    return wardName(row * this.wardCols + col);
  }

  /** Sheet number (số tờ) of a point: sheets start 50 m west of the frame and at its top. */
  sheet(p: Pt): number {
    const col = Math.max(0, Math.floor((p[0] + 50) / SHEET_SIZE_M));
    const row = Math.max(0, Math.floor((this.height + 50 - p[1]) / SHEET_SIZE_M));
    return row * this.sheetCols + col + 1;
  }
}
