/** The running result of a measurement, with the note on how it is computed. */
import { useI18n } from '../i18n/context.js';
import { formatArea, formatLength } from '../i18n/format.js';
import type { Measurement } from '../interactions/measure.js';

export function MeasureBox({ measurement, kind, onClear }: { measurement: Measurement | null; kind: 'length' | 'area'; onClear(): void }) {
  const i18n = useI18n();
  return (
    <div className="measure-box" data-testid="measure-box">
      {measurement ? (
        <>
          {measurement.kind === 'length' ? (
            <div>
              {i18n.t('measure.length')}:{' '}
              <strong data-testid="measure-length" data-value={measurement.length}>
                {formatLength(measurement.length, i18n.lang)}
              </strong>
            </div>
          ) : (
            <>
              <div>
                {i18n.t('measure.area')}:{' '}
                <strong data-testid="measure-area" data-value={measurement.area}>
                  {formatArea(measurement.area, i18n.lang)}
                </strong>
              </div>
              <div>
                {i18n.t('measure.perimeter')}: <span data-testid="measure-perimeter">{formatLength(measurement.length, i18n.lang)}</span>
              </div>
            </>
          )}
        </>
      ) : (
        <div>{kind === 'length' ? i18n.t('tool.measureLength') : i18n.t('tool.measureArea')}</div>
      )}
      <div className="muted small">{i18n.t('measure.hint')}</div>
      <div className="muted small">{i18n.t('measure.note')}</div>
      <button onClick={onClear}>{i18n.t('tool.clearMeasure')}</button>
    </div>
  );
}
