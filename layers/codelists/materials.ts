import type { CodeList, CodeListEntry } from '../types.js';

/** Pipe materials; each network picks the ones that occur in it. */
const MATERIAL: Readonly<Record<string, CodeListEntry>> = {
  concrete: { code: 'concrete', label: { vi: 'Bê tông cốt thép (BTCT)', en: 'Reinforced concrete' } },
  box_culvert: { code: 'box_culvert', label: { vi: 'Cống hộp BTCT', en: 'Concrete box culvert' } },
  brick: { code: 'brick', label: { vi: 'Gạch xây', en: 'Brick masonry' } },
  stone: { code: 'stone', label: { vi: 'Đá xây', en: 'Stone masonry' } },
  hdpe: { code: 'hdpe', label: { vi: 'Nhựa HDPE', en: 'HDPE' } },
  upvc: { code: 'upvc', label: { vi: 'Nhựa uPVC', en: 'uPVC' } },
  grp: { code: 'grp', label: { vi: 'Composite (GRP)', en: 'Glass-reinforced plastic (GRP)' } },
  ductile_iron: { code: 'ductile_iron', label: { vi: 'Gang dẻo', en: 'Ductile iron' } },
  cast_iron: { code: 'cast_iron', label: { vi: 'Gang xám', en: 'Cast iron' } },
  steel: { code: 'steel', label: { vi: 'Thép', en: 'Steel' } },
  asbestos_cement: { code: 'asbestos_cement', label: { vi: 'Xi măng amiăng', en: 'Asbestos cement' } },
};

function pick(...codes: readonly string[]): readonly CodeListEntry[] {
  return codes.map((code) => {
    const entry = MATERIAL[code];
    if (!entry) throw new Error(`materials: unknown material "${code}"`);
    return entry;
  });
}

export const DRAINAGE_PIPE_MATERIALS: CodeList = {
  id: 'drainage_pipe_materials',
  label: { vi: 'Vật liệu cống thoát nước', en: 'Drainage pipe material' },
  entries: pick('concrete', 'box_culvert', 'brick', 'stone', 'hdpe', 'upvc', 'grp', 'cast_iron'),
};

export const WATER_PIPE_MATERIALS: CodeList = {
  id: 'water_pipe_materials',
  label: { vi: 'Vật liệu ống cấp nước', en: 'Water pipe material' },
  entries: pick('hdpe', 'upvc', 'ductile_iron', 'steel', 'cast_iron', 'asbestos_cement', 'grp'),
};
