/* global window, document, performance */
// The 3D bench page (bench/scene3d.ts builds it with Vite and drives it with playwright-core):
// a synthetic city of N buildings shown by PlanDesk's own scene code (renderer/src/scene3d:
// merged buffers, one draw call per layer, far tiles simplified) or naively (one Mesh per
// building, materials shared per colour), in the same page setup. window.runBench({ n, naive,
// frames }) answers the figures; the merged scene also with the level of detail off (all near).
import { Mesh, MeshLambertMaterial, BufferGeometry, BufferAttribute } from 'three';
import { buildScene } from '../../renderer/src/scene3d/build.ts';
import { MeshBuilder } from '../../renderer/src/scene3d/buffers.ts';
import { extrudePolygon } from '../../renderer/src/scene3d/extrude.ts';
import { Scene3D } from '../../renderer/src/scene3d/view.ts';

const COLORS = [0xe8c9a0, 0xd9a66b, 0xe07b91, 0xd98c5f, 0xe06666, 0xf4a6c6, 0xa08cc8, 0xa0724a];

/** A deterministic pseudo-random city: blocks of rotated rectangles, 3.6 … 60 m tall. */
function city(n) {
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const side = Math.ceil(Math.sqrt(n));
  const pitch = 24;
  const half = (side * pitch) / 2;
  const buildings = [];
  for (let i = 0; i < n; i++) {
    const cx = (i % side) * pitch - half + pitch / 2;
    const cy = Math.floor(i / side) * pitch - half + pitch / 2;
    const w = 8 + rand() * 10;
    const h = 8 + rand() * 10;
    const a = (rand() - 0.5) * 0.4;
    const c = Math.cos(a);
    const s = Math.sin(a);
    const corner = (x, y) => [cx + x * c - y * s, cy + x * s + y * c];
    const ring = [corner(-w / 2, -h / 2), corner(w / 2, -h / 2), corner(w / 2, h / 2), corner(-w / 2, h / 2), corner(-w / 2, -h / 2)];
    const floors = 1 + Math.floor(rand() * rand() * 16);
    buildings.push({ rings: [ring], height: floors * 3.6, color: COLORS[i % COLORS.length] });
  }
  return { bbox: [-half, -half, half, half], buildings };
}

function finish(view) {
  const gl = view.renderer.getContext();
  const px = new Uint8Array(4);
  gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px); // waits for the GPU
}

function frame(view) {
  const t0 = performance.now();
  view.renderer.render(view.scene, view.camera);
  finish(view);
  return performance.now() - t0;
}

window.runBench = async ({ n, naive, frames, shadows }) => {
  const { bbox, buildings } = city(n);
  const view = new Scene3D(document.getElementById('view'));
  view.setShadows(Boolean(shadows));
  const input = { bbox, exaggeration: 1, groundLevel: 0, terrain: null, buildings: naive ? [] : buildings, zones: [], roads: [], redLines: [], poles: [], pipes: [] };
  const t0 = performance.now();
  const data = buildScene(input);
  const tBuilt = performance.now();
  view.setData(data, { bbox, exaggeration: 1, buildMs: tBuilt - t0 });
  let meshes = 0;
  if (naive) {
    const materials = new Map();
    buildings.forEach((b, i) => {
      const m = new MeshBuilder();
      m.setColor(b.color);
      extrudePolygon(m, b.rings, 0, b.height, i);
      const r = m.result();
      const g = new BufferGeometry();
      g.setAttribute('position', new BufferAttribute(r.position, 3));
      g.setAttribute('normal', new BufferAttribute(r.normal, 3));
      g.computeBoundingSphere();
      let mat = materials.get(b.color);
      if (!mat) materials.set(b.color, (mat = new MeshLambertMaterial({ color: b.color })));
      const mesh = new Mesh(g, mat);
      mesh.castShadow = true;
      mesh.receiveShadow = true;
      view.scene.add(mesh);
      meshes++;
    });
  }
  const tMeshes = performance.now();
  const first = frame(view); // first frame: buffer uploads and shader compiles
  const buildMs = performance.now() - t0;
  const calls = view.renderer.info.render.calls;
  const triangles = view.renderer.info.render.triangles;
  const lod = view.stats();
  // Orbit: a full turn around the target in `frames` steps, each frame timed to the GPU's end.
  const target = view.controls.target.clone();
  const pos = view.camera.position.clone().sub(target);
  const radius = Math.hypot(pos.x, pos.y);
  const orbit = () => {
    const times = [];
    for (let i = 0; i < frames; i++) {
      const a = Math.atan2(pos.y, pos.x) + ((i + 1) / frames) * Math.PI * 2;
      view.camera.position.set(target.x + radius * Math.cos(a), target.y + radius * Math.sin(a), target.z + pos.z);
      view.camera.lookAt(target);
      times.push(frame(view));
    }
    return times.sort((a, b) => a - b);
  };
  const times = orbit();
  // The same orbit with the level of detail off (every tile near): the merged scene as before.
  let noLod = null;
  if (!naive) {
    const distance = lod.lodDistance;
    view.setLodDistance(Infinity);
    frame(view);
    const trianglesNoLod = view.renderer.info.render.triangles;
    const t = orbit();
    noLod = { triangles: trianglesNoLod, frameMedianMs: t[Math.floor(t.length / 2)] };
    view.setLodDistance(distance);
  }
  const result = {
    n,
    naive: Boolean(naive),
    geometryMs: naive ? tMeshes - t0 : tBuilt - t0,
    firstFrameMs: first,
    buildMs,
    drawCalls: calls,
    triangles,
    meshes: naive ? meshes : undefined,
    frameMedianMs: times[Math.floor(times.length / 2)],
    frameP95Ms: times[Math.min(times.length - 1, Math.floor(times.length * 0.95))],
    tiles: lod.tiles,
    tilesFar: lod.tilesFar,
    eyeDistance: Math.hypot(pos.x, pos.y, pos.z),
    noLod,
  };
  view.dispose();
  return result;
};
window.benchReady = true;
