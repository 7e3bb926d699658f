/** Growable typed arrays for merging many features into one BufferGeometry's attributes. */

export class FloatBuffer {
  private data: Float32Array;
  length = 0;
  constructor(initial = 4096) {
    this.data = new Float32Array(initial);
  }
  private grow(extra: number): void {
    if (this.length + extra <= this.data.length) return;
    let size = this.data.length * 2;
    while (size < this.length + extra) size *= 2;
    const next = new Float32Array(size);
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
  push3(a: number, b: number, c: number): void {
    this.grow(3);
    const d = this.data;
    const n = this.length;
    d[n] = a;
    d[n + 1] = b;
    d[n + 2] = c;
    this.length = n + 3;
  }
  push(v: number): void {
    this.grow(1);
    this.data[this.length++] = v;
  }
  result(): Float32Array {
    return this.data.slice(0, this.length);
  }
}

export class UintBuffer {
  private data: Uint32Array;
  length = 0;
  constructor(initial = 1024) {
    this.data = new Uint32Array(initial);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Uint32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  result(): Uint32Array {
    return this.data.slice(0, this.length);
  }
}

/** Triangles with flat normals, vertex colours and a feature index per triangle. */
export class MeshBuilder {
  readonly position = new FloatBuffer();
  readonly normal = new FloatBuffer();
  readonly color = new FloatBuffer();
  readonly feature = new UintBuffer();
  private r = 1;
  private g = 1;
  private b = 1;

  setColor(rgb: number, lighten = 0): void {
    const f = (c: number) => c / 255 + (1 - c / 255) * lighten;
    this.r = f((rgb >> 16) & 255);
    this.g = f((rgb >> 8) & 255);
    this.b = f(rgb & 255);
  }

  /** One triangle; the normal is computed from the winding (counter-clockwise = front). */
  triangle(ax: number, ay: number, az: number, bx: number, by: number, bz: number, cx: number, cy: number, cz: number, feature: number): void {
    const ux = bx - ax, uy = by - ay, uz = bz - az;
    const vx = cx - ax, vy = cy - ay, vz = cz - az;
    let nx = uy * vz - uz * vy;
    let ny = uz * vx - ux * vz;
    let nz = ux * vy - uy * vx;
    const len = Math.hypot(nx, ny, nz) || 1;
    nx /= len;
    ny /= len;
    nz /= len;
    this.position.push3(ax, ay, az);
    this.position.push3(bx, by, bz);
    this.position.push3(cx, cy, cz);
    for (let i = 0; i < 3; i++) {
      this.normal.push3(nx, ny, nz);
      this.color.push3(this.r, this.g, this.b);
    }
    this.feature.push(feature);
  }

  get triangles(): number {
    return this.feature.length;
  }

  result(): { position: Float32Array; normal: Float32Array; color: Float32Array; feature: Uint32Array } {
    return { position: this.position.result(), normal: this.normal.result(), color: this.color.result(), feature: this.feature.result() };
  }
}
