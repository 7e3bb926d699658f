/**
 * The plan a project's zoning comes from, read from the project's metadata (keys plan_name,
 * plan_decision_no, plan_decision_date, plan_authority; the demo writes them), with a plain
 * default for a project that has none, and the disclaimer every card and sheet carries.
 */
import type { Label } from '../../layers/types.js';
import type { Project } from '../store/project.js';
import type { PlanInfo } from './types.js';

export const PLAN_METADATA_KEYS = {
  name: 'plan_name',
  decisionNo: 'plan_decision_no',
  decisionDate: 'plan_decision_date',
  authority: 'plan_authority',
} as const;

const NOT_GIVEN = 'chưa ghi trong dự án';

export function planInfo(project: Project): PlanInfo {
  const read = (key: string) => project.getMetadata(key)?.trim() || undefined;
  return {
    name: read(PLAN_METADATA_KEYS.name) ?? project.info().name,
    decisionNo: read(PLAN_METADATA_KEYS.decisionNo) ?? NOT_GIVEN,
    decisionDate: read(PLAN_METADATA_KEYS.decisionDate) ?? NOT_GIVEN,
    authority: read(PLAN_METADATA_KEYS.authority) ?? NOT_GIVEN,
  };
}

export const PLANNING_DISCLAIMER: Label = {
  vi:
    'Thông tin chỉ có giá trị tham khảo, không thay thế chứng chỉ quy hoạch, giấy phép xây dựng hay văn bản cung cấp ' +
    'thông tin quy hoạch của cơ quan có thẩm quyền. Diện tích tính trên bản đồ số, có thể khác số liệu pháp lý.',
  en:
    'For reference only: this does not replace a planning certificate, a building permit or the planning information ' +
    'issued by the competent authority. Areas are measured on the digital map and may differ from legal records.',
};
