/**
 * The planning information sheet: made by the core (PDF), shown full screen from a blob: URL
 * (the kiosk CSP allows blob: frames only) and sent to the printer once it has loaded. In a
 * Chromium kiosk started with --kiosk-printing the print goes straight to the default printer.
 */
import { useEffect, useRef, useState } from 'react';
import type { PlanningSheet } from '../../../gis-core/api/contract.js';
import { useI18n } from '../i18n/context.js';

function blobUrl(sheet: PlanningSheet): string {
  const binary = atob(sheet.base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return URL.createObjectURL(new Blob([bytes], { type: sheet.contentType }));
}

export function SheetViewer({ sheet, onClose }: { sheet: PlanningSheet; onClose: () => void }) {
  const { t } = useI18n();
  const [url] = useState(() => blobUrl(sheet));
  const frame = useRef<HTMLIFrameElement>(null);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  const print = () => {
    try {
      frame.current?.contentWindow?.print();
    } catch {
      // The PDF viewer may not expose print to the page: the viewer is on screen to print from.
    }
  };
  return (
    <div className="kiosk-sheet" role="dialog" aria-label={t('kiosk.printReady')} data-file={sheet.fileName}>
      <div className="kiosk-sheet-bar">
        <strong>{t('kiosk.printReady')}</strong>
        <button type="button" className="kiosk-primary" onClick={onClose}>
          {t('kiosk.close')}
        </button>
      </div>
      <iframe ref={frame} title={t('kiosk.printReady')} src={`${url}#toolbar=0&navpanes=0`} onLoad={print} />
    </div>
  );
}
