/**
 * The three.js scene of the 3D view: merged meshes from the build (one draw call per layer;
 * buildings and massing as one BatchedMesh each, per tile near or far by the camera's distance),
 * street-light poles as one InstancedMesh, pipes as x-ray lines, the flood plane, the sun with
 * shadows, orbit/pan (OrbitControls), picking (raycast → triangle → feature) and PNG export.
 * Renders on demand (after a change), not in a loop. Knows nothing of React or the API.
 */
import {
  AmbientLight,
  BatchedMesh,
  Box3,
  BufferAttribute,
  BufferGeometry,
  Color,
  CylinderGeometry,
  DirectionalLight,
  DoubleSide,
  HemisphereLight,
  InstancedMesh,
  LineBasicMaterial,
  LineSegments,
  Matrix4,
  Mesh,
  MeshLambertMaterial,
  MeshPhongMaterial,
  PCFSoftShadowMap,
  PerspectiveCamera,
  PlaneGeometry,
  Raycaster,
  Scene,
  Vector2,
  Vector3,
  WebGLRenderer,
  type Camera,
  type Material,
  type Object3D,
} from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { sunDirection, type SunPosition } from './sun.js';
import type { LineData, MeshData, SceneData, TiledMeshData } from './types.js';

export type MassingMode = 'current' | 'planned' | 'both';

/** What the view shows, for tests and the status line (`window.__plandesk3d`). */
export interface SceneStats {
  readonly ready: boolean;
  readonly mode: MassingMode;
  /** Buildings and massing blocks shown. */
  readonly objects: number;
  readonly buildings: number;
  readonly massing: number;
  /** Triangles of the visible geometry (instances counted; tiled layers at their current level). */
  readonly triangles: number;
  /** Triangles the last frame drew (renderer.info: frustum culling and the shadow pass included). */
  readonly trianglesDrawn: number;
  /** Tiles of the shown extruded layers (buildings, massing) and how many are drawn near / far. */
  readonly tiles: number;
  readonly tilesNear: number;
  readonly tilesFar: number;
  /** Triangles of those tiles at their current level (part of `triangles`). */
  readonly tiledTriangles: number;
  /** Camera distance (metres) beyond which a tile draws its far version. */
  readonly lodDistance: number;
  /** Draw calls of the last frame (renderer.info.render.calls, the shadow pass included). */
  readonly drawCalls: number;
  /** Tallest visible block above its ground (metres). */
  readonly maxHeight: number;
  readonly floodLevel: number | null;
  /** Scene z of the flood plane (null when none). */
  readonly floodZ: number | null;
  readonly poles: number;
  readonly buildMs: number;
  readonly frameMs: number;
  readonly walking: boolean;
  /** Camera position (local metres). */
  readonly eye: readonly [number, number, number];
}

export interface PickHit {
  readonly layer: 'buildings' | 'zoning';
  readonly index: number;
}

function meshGeometry(m: MeshData): BufferGeometry {
  const g = new BufferGeometry();
  g.setAttribute('position', new BufferAttribute(m.position, 3));
  g.setAttribute('normal', new BufferAttribute(m.normal, 3));
  g.setAttribute('color', new BufferAttribute(m.color, 3));
  g.computeBoundingSphere();
  g.computeBoundingBox();
  return g;
}

function lineGeometry(l: LineData): BufferGeometry {
  const g = new BufferGeometry();
  g.setAttribute('position', new BufferAttribute(l.position, 3));
  g.setAttribute('color', new BufferAttribute(l.color, 3));
  return g;
}

/** Camera distance (metres, to a tile's box) beyond which tiles draw their far version. */
export const LOD_DISTANCE = 1500;

/**
 * A tiled layer (buildings, massing) as one BatchedMesh: every tile's near and far geometry in
 * one buffer, one instance per tile showing one of them. One (multi-)draw call for the layer,
 * with per-tile frustum culling; the level is chosen by the camera's distance to the tile.
 */
class TiledLayer {
  readonly mesh: BatchedMesh;
  private readonly nearIds: number[] = [];
  private readonly farIds: number[] = [];
  private readonly boxes: Box3[] = [];
  private readonly isFar: boolean[] = [];
  /** First triangle of each tile's near geometry in the batch's buffer. */
  private readonly nearFirst: number[] = [];

  constructor(private readonly data: TiledMeshData, material: Material) {
    const vertices = (data.position.length + data.far.position.length) / 3;
    this.mesh = new BatchedMesh(Math.max(1, data.tiles.length), Math.max(3, vertices), 0, material);
    // The whole layer's bounding sphere changes with the levels: cull per tile only.
    this.mesh.frustumCulled = false;
    const part = (m: MeshData, start: number, count: number) => {
      const g = new BufferGeometry();
      const a = start * 9;
      const b = (start + count) * 9;
      g.setAttribute('position', new BufferAttribute(m.position.subarray(a, b), 3));
      g.setAttribute('normal', new BufferAttribute(m.normal.subarray(a, b), 3));
      g.setAttribute('color', new BufferAttribute(m.color.subarray(a, b), 3));
      return g;
    };
    for (const t of data.tiles) {
      const nearId = this.mesh.addGeometry(part(data, t.near.start, t.near.count));
      const farId = t.far.count ? this.mesh.addGeometry(part(data.far, t.far.start, t.far.count)) : nearId;
      this.nearIds.push(nearId);
      this.farIds.push(farId);
      this.nearFirst.push(this.mesh.getGeometryRangeAt(nearId).vertexStart / 3);
      this.mesh.addInstance(nearId);
      this.isFar.push(false);
      const [x0, y0, z0, x1, y1, z1] = t.bounds;
      this.boxes.push(new Box3(new Vector3(x0, y0, z0), new Vector3(x1, y1, z1)));
    }
  }

  get tiles(): number {
    return this.nearIds.length;
  }

  /** Chooses each tile's level: far beyond `distance` metres from `eye`. */
  update(eye: Vector3, distance: number): void {
    for (let i = 0; i < this.boxes.length; i++) {
      const far = this.boxes[i]!.distanceToPoint(eye) > distance;
      if (far !== this.isFar[i]) {
        this.isFar[i] = far;
        this.mesh.setGeometryIdAt(i, far ? this.farIds[i]! : this.nearIds[i]!);
      }
    }
  }

  /** All tiles near (picking works on the full geometry), or back to the levels chosen. */
  allNear(on: boolean): void {
    for (let i = 0; i < this.nearIds.length; i++) this.mesh.setGeometryIdAt(i, on || !this.isFar[i] ? this.nearIds[i]! : this.farIds[i]!);
  }

  /** The feature of a hit on the near geometry (batchId = tile, faceIndex in the batch buffer). */
  featureOf(batchId: number, faceIndex: number): number | null {
    const t = this.data.tiles[batchId];
    if (!t) return null;
    const tri = faceIndex - this.nearFirst[batchId]!;
    return tri >= 0 && tri < t.near.count ? this.data.feature[t.near.start + tri]! : null;
  }

  counts(): { near: number; far: number; triangles: number } {
    let far = 0;
    let triangles = 0;
    this.data.tiles.forEach((t, i) => {
      if (this.isFar[i]) far++;
      triangles += this.isFar[i] ? t.far.count : t.near.count;
    });
    return { near: this.tiles - far, far, triangles };
  }

  dispose(): void {
    this.mesh.dispose();
  }
}

export class Scene3D {
  readonly renderer: WebGLRenderer;
  readonly scene = new Scene();
  readonly camera: PerspectiveCamera;
  readonly controls: OrbitControls;
  private readonly sun = new DirectionalLight(0xffffff, 2.2);
  private readonly objects: Object3D[] = [];
  private buildingsLayer: TiledLayer | null = null;
  private massingLayer: TiledLayer | null = null;
  private lodDistance = LOD_DISTANCE;
  private zonesMesh: Mesh | null = null;
  private pipes: LineSegments | null = null;
  private poles: InstancedMesh | null = null;
  private flood: Mesh | null = null;
  private data: SceneData | null = null;
  private mode: MassingMode = 'current';
  private floodLevel: number | null = null;
  private datum = 0;
  private exaggeration = 1;
  private extent = 1000;
  private frameMs = 0;
  private buildMs = 0;
  private pending = 0;
  private buildingCount = 0;
  private readonly resize: ResizeObserver;
  private groundMesh: Mesh | null = null;
  private walkState: { yaw: number; pitch: number; keys: Set<string>; raf: number; last: number; saved: { position: Vector3; target: Vector3 } } | null = null;
  private readonly onKey = (e: KeyboardEvent) => this.key(e);
  private readonly onLook = (e: PointerEvent) => this.look(e);
  onRender: (() => void) | null = null;

  constructor(private readonly container: HTMLElement) {
    this.renderer = new WebGLRenderer({ antialias: true, preserveDrawingBuffer: true });
    this.renderer.setPixelRatio(Math.min(2, window.devicePixelRatio || 1));
    this.renderer.shadowMap.enabled = true;
    this.renderer.shadowMap.type = PCFSoftShadowMap;
    this.renderer.setClearColor(0xcfe3f3);
    container.appendChild(this.renderer.domElement);
    this.renderer.domElement.dataset.testid = 'scene3d-canvas';
    this.camera = new PerspectiveCamera(45, 1, 1, 100_000);
    this.camera.up.set(0, 0, 1);
    this.controls = new OrbitControls(this.camera, this.renderer.domElement);
    this.controls.screenSpacePanning = false;
    this.controls.maxPolarAngle = Math.PI * 0.495;
    this.controls.addEventListener('change', () => this.requestRender());
    this.scene.add(new HemisphereLight(0xeef4ff, 0x8a7d66, 1.1));
    this.scene.add(new AmbientLight(0xffffff, 0.25));
    this.sun.castShadow = true;
    this.sun.shadow.mapSize.set(2048, 2048);
    this.sun.shadow.bias = -0.0005;
    this.scene.add(this.sun, this.sun.target);
    // Levels of detail from the camera of every render (the shadow pass uses the same levels).
    this.scene.onBeforeRender = (_renderer, _scene, camera: Camera) => this.updateLod(camera);
    this.resize = new ResizeObserver(() => this.fitSize());
    this.resize.observe(container);
    this.fitSize();
  }

  private fitSize(): void {
    const w = Math.max(1, this.container.clientWidth);
    const h = Math.max(1, this.container.clientHeight);
    this.renderer.setSize(w, h);
    this.camera.aspect = w / h;
    this.camera.updateProjectionMatrix();
    this.requestRender();
  }

  /** Replaces the scene's content with a build's result. */
  /** `bbox`: the ground's extent; `focus`: the box the camera frames (default: `bbox`). Local metres. */
  setData(data: SceneData, options: { bbox: readonly [number, number, number, number]; focus?: readonly [number, number, number, number]; exaggeration: number; buildMs: number }): void {
    this.clear();
    this.data = data;
    let count = 0;
    let last = -1;
    for (const f of data.buildings.feature) if (f !== last) {
      count++;
      last = f;
    }
    this.buildingCount = count;
    this.datum = data.minGround;
    this.exaggeration = options.exaggeration;
    this.buildMs = options.buildMs;
    const [x0, y0, x1, y1] = options.bbox;
    const [f0, g0, f1, g1] = options.focus ?? options.bbox;
    this.extent = Math.max(f1 - f0, g1 - g0, 50);
    const cx = (f0 + f1) / 2;
    const cy = (g0 + g1) / 2;
    const gx = (x0 + x1) / 2;
    const gy = (y0 + y1) / 2;

    if (data.terrain) {
      const t = new Mesh(meshGeometry(data.terrain), new MeshLambertMaterial({ vertexColors: true }));
      t.receiveShadow = true;
      this.add(t);
      this.groundMesh = t;
    } else {
      const plane = new Mesh(new PlaneGeometry(x1 - x0, y1 - y0), new MeshLambertMaterial({ color: 0xc9d6b8 }));
      plane.position.set(gx, gy, -0.02);
      plane.receiveShadow = true;
      this.add(plane);
      this.groundMesh = plane;
    }
    const flat = (m: MeshData, offset: number) => {
      const mesh = new Mesh(meshGeometry(m), new MeshLambertMaterial({ vertexColors: true, polygonOffset: true, polygonOffsetFactor: -offset, polygonOffsetUnits: -offset }));
      mesh.receiveShadow = true;
      this.add(mesh);
      return mesh;
    };
    this.zonesMesh = flat(data.zones, 1);
    flat(data.roads, 2);
    if (data.redLines.position.length) this.add(new LineSegments(lineGeometry(data.redLines), new LineBasicMaterial({ vertexColors: true })));

    const tiled = (m: TiledMeshData, material: Material) => {
      if (!m.tiles.length) return null;
      const layer = new TiledLayer(m, material);
      layer.mesh.castShadow = true;
      layer.mesh.receiveShadow = true;
      this.add(layer.mesh);
      return layer;
    };
    this.buildingsLayer = tiled(data.buildings, new MeshLambertMaterial({ vertexColors: true }));
    this.massingLayer = tiled(data.massing, new MeshPhongMaterial({ vertexColors: true, transparent: true, opacity: 0.85, shininess: 10 }));

    if (data.pipes.position.length) {
      this.pipes = new LineSegments(lineGeometry(data.pipes), new LineBasicMaterial({ vertexColors: true, depthTest: false, transparent: true, opacity: 0.9 }));
      this.pipes.renderOrder = 10;
      this.pipes.visible = false;
      this.add(this.pipes);
    }
    const poleCount = data.poles.length / 4;
    if (poleCount > 0) {
      const geometry = new CylinderGeometry(0.15, 0.22, 1, 6);
      geometry.rotateX(Math.PI / 2);
      geometry.translate(0, 0, 0.5);
      this.poles = new InstancedMesh(geometry, new MeshLambertMaterial({ color: 0x505a64 }), poleCount);
      const m = new Matrix4();
      for (let i = 0; i < poleCount; i++) {
        const h = data.poles[i * 4 + 3]!;
        m.makeScale(1, 1, h).setPosition(data.poles[i * 4]!, data.poles[i * 4 + 1]!, data.poles[i * 4 + 2]!);
        this.poles.setMatrixAt(i, m);
      }
      this.poles.castShadow = true;
      this.poles.computeBoundingSphere();
      this.add(this.poles);
    }
    this.flood = new Mesh(new PlaneGeometry(x1 - x0, y1 - y0), new MeshPhongMaterial({ color: 0x2f7fc1, transparent: true, opacity: 0.55, side: DoubleSide, shininess: 80 }));
    this.flood.position.set(gx, gy, 0);
    this.flood.visible = false;
    this.flood.renderOrder = 5;
    this.add(this.flood);

    const d = this.extent;
    this.camera.near = Math.max(0.5, d / 5000);
    this.camera.far = d * 20;
    this.camera.position.set(cx - d * 0.35, cy - d * 0.75, d * 0.6);
    this.controls.target.set(cx, cy, 0);
    this.controls.update();
    const s = this.sun.shadow.camera;
    const shadowHalf = Math.max(d * 0.75, (x1 - x0) / 2, (y1 - y0) / 2);
    s.left = -shadowHalf;
    s.right = shadowHalf;
    s.top = shadowHalf;
    s.bottom = -shadowHalf;
    s.near = 1;
    s.far = d * 4;
    s.updateProjectionMatrix();
    this.sun.target.position.set(cx, cy, 0);
    this.applyMode();
    this.applyFlood();
    this.requestRender();
  }

  private add(o: Object3D): void {
    this.objects.push(o);
    this.scene.add(o);
  }

  private clear(): void {
    for (const o of this.objects) {
      this.scene.remove(o);
      if (o instanceof BatchedMesh) o.dispose();
      const withGeometry = o as Partial<Mesh>;
      withGeometry.geometry?.dispose();
      const material = withGeometry.material as Material | Material[] | undefined;
      if (Array.isArray(material)) material.forEach((m) => m.dispose());
      else material?.dispose();
    }
    this.objects.length = 0;
    this.buildingsLayer = this.massingLayer = null;
    this.zonesMesh = this.flood = this.groundMesh = null;
    this.pipes = null;
    this.poles = null;
  }

  setMode(mode: MassingMode): void {
    this.mode = mode;
    this.applyMode();
    this.requestRender();
  }

  private applyMode(): void {
    if (this.buildingsLayer) this.buildingsLayer.mesh.visible = this.mode !== 'planned';
    if (this.massingLayer) {
      this.massingLayer.mesh.visible = this.mode !== 'current';
      const m = this.massingLayer.mesh.material as MeshPhongMaterial;
      m.opacity = this.mode === 'both' ? 0.45 : 0.92;
      m.depthWrite = this.mode !== 'both';
    }
  }

  /**
   * Walk mode: the eye 1.7 m above the ground at the orbit target, looking the way the orbit
   * camera looked; W/S or ↑/↓ walk, A/D or ←/→ step sideways (Shift: run), dragging turns the
   * head. Off: back to the orbit view as it was.
   */
  setWalk(on: boolean): void {
    const canvas = this.renderer.domElement;
    if (on && !this.walkState) {
      const saved = { position: this.camera.position.clone(), target: this.controls.target.clone() };
      const dir = saved.target.clone().sub(saved.position);
      this.walkState = { yaw: Math.atan2(dir.y, dir.x), pitch: 0, keys: new Set(), raf: 0, last: 0, saved };
      this.controls.enabled = false;
      this.camera.position.set(saved.target.x, saved.target.y, this.groundZ(saved.target.x, saved.target.y) + 1.7);
      this.applyLook();
      // Capture phase: walking keys never reach the map's shortcuts (edit mode's D, S, …).
      window.addEventListener('keydown', this.onKey, true);
      window.addEventListener('keyup', this.onKey, true);
      canvas.addEventListener('pointermove', this.onLook);
    } else if (!on && this.walkState) {
      cancelAnimationFrame(this.walkState.raf);
      this.camera.position.copy(this.walkState.saved.position);
      this.controls.target.copy(this.walkState.saved.target);
      this.walkState = null;
      this.controls.enabled = true;
      this.controls.update();
      window.removeEventListener('keydown', this.onKey, true);
      window.removeEventListener('keyup', this.onKey, true);
      canvas.removeEventListener('pointermove', this.onLook);
    }
    this.requestRender();
  }

  get walking(): boolean {
    return this.walkState !== null;
  }

  private groundZ(x: number, y: number): number {
    if (!this.groundMesh) return 0;
    const hit = new Raycaster(new Vector3(x, y, 1e5), new Vector3(0, 0, -1), 0, 2e5).intersectObject(this.groundMesh, false)[0];
    return hit ? hit.point.z : 0;
  }

  private applyLook(): void {
    const w = this.walkState!;
    const c = Math.cos(w.pitch);
    const p = this.camera.position;
    this.camera.lookAt(p.x + Math.cos(w.yaw) * c, p.y + Math.sin(w.yaw) * c, p.z + Math.sin(w.pitch));
  }

  private look(e: PointerEvent): void {
    const w = this.walkState;
    if (!w || (e.buttons & 1) === 0) return;
    w.yaw -= e.movementX * 0.004;
    w.pitch = Math.max(-1.2, Math.min(1.2, w.pitch - e.movementY * 0.004));
    this.applyLook();
    this.requestRender();
  }

  private key(e: KeyboardEvent): void {
    const w = this.walkState;
    const target = e.target as HTMLElement | null;
    if (!w || (target && /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName))) return;
    const k = e.key.length === 1 ? e.key.toLowerCase() : e.key;
    if (!['w', 'a', 's', 'd', 'ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Shift'].includes(k)) return;
    e.preventDefault();
    e.stopPropagation();
    if (e.type === 'keydown') w.keys.add(k);
    else w.keys.delete(k);
    if (w.keys.size && !w.raf) {
      w.last = performance.now();
      const step = (now: number) => {
        const s = this.walkState;
        if (!s || !s.keys.size) {
          if (s) s.raf = 0;
          return;
        }
        const dt = Math.min(0.25, (now - s.last) / 1000); // slow frames (software GL) still move
        s.last = now;
        const speed = (s.keys.has('Shift') ? 12 : 4) * dt; // m/s: a brisk walk, or a run
        const fwd = (s.keys.has('w') || s.keys.has('ArrowUp') ? 1 : 0) - (s.keys.has('s') || s.keys.has('ArrowDown') ? 1 : 0);
        const side = (s.keys.has('d') || s.keys.has('ArrowRight') ? 1 : 0) - (s.keys.has('a') || s.keys.has('ArrowLeft') ? 1 : 0);
        const p = this.camera.position;
        p.x += (Math.cos(s.yaw) * fwd + Math.sin(s.yaw) * side) * speed;
        p.y += (Math.sin(s.yaw) * fwd - Math.cos(s.yaw) * side) * speed;
        p.z = this.groundZ(p.x, p.y) + 1.7;
        this.applyLook();
        this.renderNow();
        s.raf = requestAnimationFrame(step);
      };
      w.raf = requestAnimationFrame(step);
    }
  }

  /** The flood water surface at `level` metres (absolute elevation); null hides it. */
  setFloodLevel(level: number | null): void {
    this.floodLevel = level;
    this.applyFlood();
    this.requestRender();
  }

  private floodZ(): number | null {
    return this.floodLevel === null ? null : (this.floodLevel - this.datum) * this.exaggeration;
  }

  private applyFlood(): void {
    if (!this.flood) return;
    const z = this.floodZ();
    this.flood.visible = z !== null;
    if (z !== null) this.flood.position.z = z;
  }

  setXray(on: boolean): void {
    if (this.pipes) this.pipes.visible = on;
    this.requestRender();
  }

  setShadows(on: boolean): void {
    this.renderer.shadowMap.enabled = on;
    this.sun.castShadow = on;
    this.scene.traverse((o) => {
      const m = (o as Mesh).material as Material | undefined;
      if (m) m.needsUpdate = true;
    });
    this.requestRender();
  }

  setSun(p: SunPosition): void {
    const [dx, dy, dz] = sunDirection(p);
    const t = this.sun.target.position;
    const d = this.extent * 1.5;
    this.sun.position.set(t.x + dx * d, t.y + dy * d, t.z + Math.max(0.02, dz) * d);
    // Below the horizon: a dim blue night light, no hard shadows.
    this.sun.intensity = p.altitude > 0 ? 2.2 * Math.min(1, p.altitude / 0.3 + 0.2) : 0.05;
    this.renderer.setClearColor(new Color(p.altitude > 0 ? 0xcfe3f3 : 0x1d2a3a));
    this.requestRender();
  }

  /** Camera distance (metres) beyond which tiles draw their far version; Infinity: always near. */
  setLodDistance(metres: number): void {
    this.lodDistance = metres;
    this.requestRender();
  }

  private updateLod(camera: Camera): void {
    const eye = camera.getWorldPosition(new Vector3());
    this.buildingsLayer?.update(eye, this.lodDistance);
    this.massingLayer?.update(eye, this.lodDistance);
  }

  private tiledShown(): TiledLayer[] {
    return [this.buildingsLayer, this.massingLayer].filter((l): l is TiledLayer => l !== null && l.mesh.visible);
  }

  /** Raycasts on the full (near) geometry of every tile, whatever level is drawn. */
  private intersectNear(ray: Raycaster) {
    const layers = this.tiledShown();
    const targets: Object3D[] = layers.map((l) => l.mesh);
    if (this.zonesMesh?.visible) targets.push(this.zonesMesh);
    for (const l of layers) l.allNear(true);
    try {
      return ray.intersectObjects(targets, false)[0];
    } finally {
      for (const l of layers) l.allNear(false);
    }
  }

  requestRender(): void {
    if (this.pending) return;
    this.pending = requestAnimationFrame(() => {
      this.pending = 0;
      this.renderNow();
    });
  }

  /** Renders one frame now; answers its duration in ms (the GPU finished: a pixel is read). */
  renderNow(): number {
    const t0 = performance.now();
    this.renderer.render(this.scene, this.camera);
    this.frameMs = performance.now() - t0;
    this.onRender?.();
    return this.frameMs;
  }

  stats(): SceneStats {
    const d = this.data;
    const showB = this.mode !== 'planned';
    const showM = this.mode !== 'current';
    let triangles = 0;
    let tiles = 0;
    let tilesFar = 0;
    for (const l of this.tiledShown()) {
      const c = l.counts();
      tiles += l.tiles;
      tilesFar += c.far;
      triangles += c.triangles;
    }
    const tiledTriangles = triangles;
    for (const o of this.objects) {
      if (!o.visible) continue;
      const g = (o as Mesh).geometry as BufferGeometry | undefined;
      if (!g || o instanceof LineSegments || o instanceof BatchedMesh) continue;
      const count = g.index ? g.index.count : g.getAttribute('position').count;
      triangles += (count / 3) * (o instanceof InstancedMesh ? o.count : 1);
    }
    const buildings = d && showB ? this.buildingCount : 0;
    const massing = d && showM ? d.massingCount : 0;
    const fz = this.floodZ();
    return {
      ready: d !== null,
      mode: this.mode,
      objects: buildings + massing,
      buildings,
      massing,
      triangles: Math.round(triangles),
      trianglesDrawn: this.renderer.info.render.triangles,
      tiles,
      tilesNear: tiles - tilesFar,
      tilesFar,
      tiledTriangles,
      lodDistance: this.lodDistance,
      drawCalls: this.renderer.info.render.calls,
      maxHeight: d ? Math.max(showB ? d.maxBuildingHeight : 0, showM ? d.maxMassingHeight : 0) : 0,
      floodLevel: this.floodLevel,
      floodZ: fz,
      poles: d ? d.poles.length / 4 : 0,
      buildMs: this.buildMs,
      frameMs: this.frameMs,
      walking: this.walkState !== null,
      eye: [this.camera.position.x, this.camera.position.y, this.camera.position.z],
    };
  }

  /** The building or zone under a canvas pixel (client coordinates). */
  pick(clientX: number, clientY: number): PickHit | null {
    if (!this.data) return null;
    const rect = this.renderer.domElement.getBoundingClientRect();
    const ndc = new Vector2(((clientX - rect.left) / rect.width) * 2 - 1, -((clientY - rect.top) / rect.height) * 2 + 1);
    const ray = new Raycaster();
    ray.setFromCamera(ndc, this.camera);
    const hit = this.intersectNear(ray);
    if (!hit || hit.faceIndex == null) return null;
    for (const [layer, name] of [[this.buildingsLayer, 'buildings'], [this.massingLayer, 'zoning']] as const) {
      if (!layer || hit.object !== layer.mesh) continue;
      const index = layer.featureOf(hit.batchId ?? -1, hit.faceIndex);
      return index === null ? null : { layer: name, index };
    }
    return { layer: 'zoning', index: this.data.zones.feature[hit.faceIndex]! };
  }

  /**
   * Client pixel of the top surface (roof, massing top, zone or ground) at a local point:
   * a vertical ray down onto the visible pickable meshes; null when nothing is there.
   */
  screenOfTop(x: number, y: number): { x: number; y: number } | null {
    const hit = this.intersectNear(new Raycaster(new Vector3(x, y, 1e5), new Vector3(0, 0, -1), 0, 2e5));
    return hit ? this.project(hit.point.x, hit.point.y, hit.point.z) : null;
  }

  /** Screen position (client pixels) of a scene point, for tests and labels. */
  project(x: number, y: number, z: number): { x: number; y: number } {
    const v = new Vector3(x, y, z).project(this.camera);
    const rect = this.renderer.domElement.getBoundingClientRect();
    return { x: rect.left + ((v.x + 1) / 2) * rect.width, y: rect.top + ((1 - v.y) / 2) * rect.height };
  }

  /** The current frame as a PNG data URL. */
  toPng(): string {
    this.renderNow();
    return this.renderer.domElement.toDataURL('image/png');
  }

  dispose(): void {
    this.setWalk(false);
    if (this.pending) cancelAnimationFrame(this.pending);
    this.resize.disconnect();
    this.controls.dispose();
    this.clear();
    this.renderer.dispose();
    this.renderer.domElement.remove();
  }
}
