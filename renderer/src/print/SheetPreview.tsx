/**
 * The print sheet as the core composed it (the same HTML Chromium prints), shown at the width
 * available: put into a shadow root so its styles and the app's do not mix, scaled from paper
 * millimetres to the preview's pixels.
 */
import { useEffect, useRef, useState } from 'react';

/** CSS pixels per millimetre (96 dpi). */
const PX_PER_MM = 96 / 25.4;

export function SheetPreview({ sheet, paperMm }: { sheet: string; paperMm: readonly [number, number] }) {
  const host = useRef<HTMLDivElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(600);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setWidth(element.clientWidth));
    observer.observe(element);
    setWidth(element.clientWidth);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const root = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
    // The sheet is the core's own markup, every text in it XML-escaped (gis-core/print/).
    root.innerHTML = sheet;
  }, [sheet]);

  const [w, h] = paperMm;
  const scale = Math.min(width / (w * PX_PER_MM), 1);
  return (
    <div ref={box} className="print-preview-box" style={{ height: h * PX_PER_MM * scale }}>
      <div
        ref={host}
        className="print-preview-sheet"
        data-testid="print-preview-sheet"
        style={{ width: w * PX_PER_MM, height: h * PX_PER_MM, transform: `scale(${scale})`, transformOrigin: 'top left' }}
      />
    </div>
  );
}
