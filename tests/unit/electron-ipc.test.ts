/**
 * The contract bound to IPC (electron/ipc-bind.ts) and the renderer's client over the preload
 * bridge (gis-core/api/ipc.ts), with the real service over a real project file. Electron itself
 * is not needed: ipcMain is only asked to `handle` channels, so a recorder stands in for it.
 */
import type { IpcMainInvokeEvent } from 'electron';
import { afterAll, describe, expect, it } from 'vitest';
import { API_METHOD_NAMES } from '../../gis-core/api/contract.js';
import { createIpcClient, ipcChannel, type IpcEnvelope, type PlanDeskBridge } from '../../gis-core/api/ipc.js';
import { PlanDeskService } from '../../gis-core/api/service.js';
import { ApiError } from '../../gis-core/api/wire.js';
import { Project } from '../../gis-core/store/project.js';
import { bindApiToIpc, ipcArgsProblem, isJsonValue, type IpcMainLike } from '../../electron/ipc-bind.js';
import { buildFixtureProject } from '../helpers/api-fixture.js';

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<IpcEnvelope>;

const project = Project.open(buildFixtureProject('ipc'), { readonly: true });
afterAll(() => project.close());
const service = new PlanDeskService(project);

const handlers = new Map<string, Handler>();
const ipcMain: IpcMainLike = {
  handle: (channel: string, listener: unknown) => void handlers.set(channel, listener as Handler),
  removeHandler: (channel: string) => void handlers.delete(channel),
};
const appFrame = { senderFrame: { url: 'plandesk://app/index.html' } } as unknown as IpcMainInvokeEvent;
const foreignFrame = { senderFrame: { url: 'https://example.com/' } } as unknown as IpcMainInvokeEvent;
const binding = bindApiToIpc(ipcMain, () => service, (event) => String(event.senderFrame?.url).startsWith('plandesk://app/'));

function invoke(channel: string, event: IpcMainInvokeEvent, ...args: unknown[]): Promise<IpcEnvelope> {
  const handler = handlers.get(channel);
  if (!handler) throw new Error(`no handler on ${channel}`);
  return handler(event, ...args);
}

/** What the preload does, without Electron: call → ipcRenderer.invoke → the handler. */
const bridge: PlanDeskBridge = {
  methods: API_METHOD_NAMES,
  call: (method, args) => invoke(`plandesk:api:${method}`, appFrame, ...args),
  onMenu: () => () => {},
};

describe('IPC bound to the contract', () => {
  it('has one channel per contract method', () => {
    expect(binding.channels).toEqual(API_METHOD_NAMES.map(ipcChannel));
    expect([...handlers.keys()].sort()).toEqual(API_METHOD_NAMES.map(ipcChannel).sort());
  });

  it('returns results as envelopes', async () => {
    const result = await invoke('plandesk:api:search', appFrame, '12/345', { limit: 5 });
    expect(result.ok).toBe(true);
    expect(result.ok && (result.value as { hits: { title: { vi: string } }[] }).hits[0]?.title.vi).toBe('Tờ 12, thửa 345');
  });

  it('checks arguments before they reach the service', async () => {
    expect(await invoke('plandesk:api:project', appFrame, 'extra')).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(await invoke('plandesk:api:features', appFrame, 'parcels', { limit: Number.NaN })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('not plain JSON') },
    });
    expect(await invoke('plandesk:api:features', appFrame, 'parcels', { bbox: new Date() })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(await invoke('plandesk:api:features', appFrame, 'parcels', { limit: 0 })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(await invoke('plandesk:api:feature', appFrame, 'nope', '01900000-0000-7000-8000-000000000000')).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_LAYER' },
    });
    expect(isJsonValue({ a: [1, 'x', null, { b: true }] })).toBe(true);
    expect(isJsonValue({ f: () => 1 })).toBe(false);
    expect(isJsonValue(new Map())).toBe(false);
    expect(ipcArgsProblem('crsList', [])).toBeUndefined();
  });

  it('answers only the app pages', async () => {
    expect(await invoke('plandesk:api:project', foreignFrame)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
  });

  it('the renderer-side client gives values and throws ApiError with the code', async () => {
    const api = createIpcClient(bridge);
    expect((await api.project()).name).toBe('Dự án thử API');
    expect((await api.features('roads', { limit: 2 })).truncated).toBe(true);
    const error = await api.features('nope').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'UNKNOWN_LAYER' });
  });

  it('unbinds every channel', () => {
    binding.unbind();
    expect(handlers.size).toBe(0);
  });
});
