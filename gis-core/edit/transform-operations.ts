/** Edit operations from a batch's CRS into the project CRS (geometries, split points, cut lines). */
import type { EditOperation, EditPosition } from '../api/contract.js';
import { transformGeometry, transformPoint, type CrsRef } from '../crs/transform.js';

export function transformOperations(operations: readonly EditOperation[], from: CrsRef, to: CrsRef): EditOperation[] {
  const position = (p: EditPosition): EditPosition => {
    const [x, y] = transformPoint(p, from, to);
    return [x as number, y as number];
  };
  return operations.map((operation): EditOperation => {
    switch (operation.op) {
      case 'insert':
        return { ...operation, geometry: transformGeometry(operation.geometry, from, to) };
      case 'update':
        return operation.geometry ? { ...operation, geometry: transformGeometry(operation.geometry, from, to) } : operation;
      case 'splitLine':
        return { ...operation, at: position(operation.at) };
      case 'splitPolygon':
        return { ...operation, line: operation.line.map(position) };
      case 'delete':
      case 'mergePolygons':
        return operation;
    }
  });
}
