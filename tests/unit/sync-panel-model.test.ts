/**
 * The sync panel's rules without a browser: the connect form checked before anything is sent
 * and turned into the request and the credentials a job carries; conflicts grouped per
 * feature, what is drawn for them, and the text typed for 'Sửa'.
 */
import { describe, expect, it } from 'vitest';
import type { SyncConflict } from '../../gis-core/api/contract.js';
import { getLayer } from '../../layers/index.js';
import { connectRequest, EMPTY_FORM, formCredentials, validateConnectForm, withCredentials } from '../../renderer/src/sync/connect-form.js';
import { conflictGroups, conflictOverlay, parseEditValue } from '../../renderer/src/sync/conflicts.js';

describe('the connect form', () => {
  it('asks for an http(s) address and the login of the chosen kind', () => {
    expect(validateConnectForm(EMPTY_FORM)).toEqual({ url: 'sync.form.urlRequired', username: 'sync.form.usernameRequired', password: 'sync.form.passwordRequired' });
    expect(validateConnectForm({ ...EMPTY_FORM, url: 'ftp://sdi.example/ows', auth: 'none' })).toEqual({ url: 'sync.form.urlInvalid' });
    expect(validateConnectForm({ ...EMPTY_FORM, url: 'sdi.example/ows', auth: 'none' })).toEqual({ url: 'sync.form.urlInvalid' });
    expect(validateConnectForm({ ...EMPTY_FORM, url: ' https://sdi.example/ows ', auth: 'token', token: '  ' })).toEqual({ token: 'sync.form.tokenRequired' });
    expect(validateConnectForm({ ...EMPTY_FORM, url: 'http://127.0.0.1:8080/', username: 'cán_bộ', password: 'p' })).toEqual({});
  });

  it('sends the secret of the chosen kind only, and the URL trimmed', () => {
    const form = { ...EMPTY_FORM, url: ' https://sdi.example/ows ', protocol: 'wfs-2.0' as const, username: ' u ', password: ' p ', token: 'left-over' };
    expect(formCredentials(form)).toEqual({ username: 'u', password: ' p ' });
    expect(connectRequest(form)).toEqual({ url: 'https://sdi.example/ows', protocol: 'wfs-2.0', credentials: { username: 'u', password: ' p ' } });
    expect(connectRequest({ ...form, auth: 'token' })).toEqual({ url: 'https://sdi.example/ows', protocol: 'wfs-2.0', credentials: { token: 'left-over' } });
    expect(connectRequest({ ...form, auth: 'none' }, [])).toEqual({ url: 'https://sdi.example/ows', protocol: 'wfs-2.0', layers: [] });
    expect(withCredentials(EMPTY_FORM, { token: 't' })).toMatchObject({ auth: 'token', token: 't' });
    expect(withCredentials(EMPTY_FORM, null)).toBe(EMPTY_FORM);
  });
});

const line = (y: number) => ({ type: 'LineString' as const, coordinates: [[0, y], [10, y]] });
function conflict(id: number, uuid: string, attribute: string | null, base: unknown, local: unknown, server: unknown, state: 'open' | 'resolved' = 'open'): SyncConflict {
  return { id, layer: 'water_mains', uuid, kind: attribute === null ? 'edit-vs-delete' : 'attribute', attribute, base, local, server, geometry: line(0), state };
}

describe('conflicts in the panel', () => {
  const mains = getLayer('water_mains');

  it('groups them by feature, open ones first', () => {
    const groups = conflictGroups([conflict(1, 'a', 'diameter_mm', 150, 250, 200, 'resolved'), conflict(2, 'b', 'material', 'hdpe', 'upvc', 'steel'), conflict(3, 'a', 'geometry', line(0), line(1), line(2), 'resolved')]);
    expect(groups.map((g) => [g.uuid, g.conflicts.map((c) => c.id), g.open])).toEqual([
      ['b', [2], 1],
      ['a', [1, 3], 0],
    ]);
  });

  it('draws base, mine and theirs for a geometry conflict, the place otherwise', () => {
    const [withGeometry] = conflictGroups([conflict(1, 'a', 'diameter_mm', 150, 250, 200), conflict(2, 'a', 'geometry', line(0), line(1), line(2))]);
    expect(conflictOverlay(withGeometry!).map((i) => [i.role, i.geometry.coordinates])).toEqual([
      ['base', line(0).coordinates],
      ['mine', line(1).coordinates],
      ['theirs', line(2).coordinates],
    ]);
    const [attributeOnly] = conflictGroups([conflict(1, 'a', 'diameter_mm', 150, 250, 200)]);
    expect(conflictOverlay(attributeOnly!).map((i) => i.role)).toEqual(['location']);
    // Edited here, deleted on the server: no server side to draw.
    const [whole] = conflictGroups([conflict(1, 'a', null, { geometry: line(0) }, { geometry: line(1) }, null)]);
    expect(conflictOverlay(whole!).map((i) => i.role)).toEqual(['base', 'mine']);
  });

  it('reads typed values in the field type', () => {
    const diameter = mains.fields.find((f) => f.key === 'diameter_mm')!;
    const material = mains.fields.find((f) => f.key === 'material')!;
    expect(parseEditValue('1,5', { ...diameter, type: 'real' })).toBe(1.5);
    expect(parseEditValue('2.5', diameter)).toBe(diameter.type === 'integer' ? undefined : 2.5);
    expect(parseEditValue('300', diameter)).toBe(300);
    expect(parseEditValue('', diameter)).toBeNull();
    expect(parseEditValue('abc', diameter)).toBeUndefined();
    expect(parseEditValue('upvc', material)).toBe('upvc');
    expect(parseEditValue('PVC', material)).toBeUndefined();
  });
});
