/** App bar: project, search, tools, language switch, settings. */
import type { ReactNode } from 'react';
import type { ProjectDescription } from '../../../gis-core/api/contract.js';
import { useI18n } from '../i18n/context.js';
import { ToolMenu } from './ToolMenu.js';
import type { Tool } from '../map/map-controller.js';

interface Props {
  readonly project: ProjectDescription;
  readonly tool: Tool;
  readonly search: ReactNode;
  readonly validationOpen: boolean;
  onTool(tool: Tool): void;
  onValidation(): void;
  onZoomProject(): void;
  /** Opens the 3D view for the current map extent. */
  onScene3d(): void;
  readonly floodOpen: boolean;
  onFlood(): void;
  readonly syncOpen: boolean;
  onSync(): void;
  readonly importOpen: boolean;
  onImport(): void;
  onExport(): void;
  /** Opens the print layout editor. */
  onPrint(): void;
  onLanguage(): void;
  onSettings(): void;
}

export function TopBar({ project, tool, search, validationOpen, onTool, onValidation, onZoomProject, onScene3d, floodOpen, onFlood, syncOpen, onSync, importOpen, onImport, onExport, onPrint, onLanguage, onSettings }: Props) {
  const i18n = useI18n();
  const toolButton = (id: Tool, label: string, icon: string, title?: string) => (
    <button className={`tool${tool === id ? ' active' : ''}`} aria-pressed={tool === id} onClick={() => onTool(id)} title={title ?? label} data-testid={`tool-${id}`}>
      <span className="tool-icon" aria-hidden="true">
        {icon}
      </span>
      {label}
    </button>
  );
  return (
    <header className="top-bar">
      <div className="brand">
        <span className="logo" aria-hidden="true">
          ▦
        </span>
        <div>
          <div className="brand-name">{i18n.t('app.title')}</div>
          <div className="brand-sub">{i18n.t('app.subtitle')}</div>
        </div>
      </div>
      <div className="project-name" title={project.file}>
        <div className="project-title" data-testid="project-name">{project.name}</div>
        <div className="project-sub">{project.province}</div>
      </div>
      {search}
      <nav className="tools" aria-label="tools">
        {toolButton('identify', i18n.t('tool.identify'), 'ⓘ', i18n.t('tool.identifyTitle'))}
        <ToolMenu
          label={i18n.t('menu.measure')}
          title={i18n.t('menu.measureTitle')}
          icon="↔"
          testId="menu-measure"
          active={tool === 'length' || tool === 'area'}
          items={[
            { id: 'tool-length', label: i18n.t('tool.measureLength'), title: i18n.t('tool.measureLength'), icon: '↔', active: tool === 'length', onSelect: () => onTool('length') },
            { id: 'tool-area', label: i18n.t('tool.measureArea'), title: i18n.t('tool.measureArea'), icon: '▱', active: tool === 'area', onSelect: () => onTool('area') },
          ]}
        />
        <button
          className={`tool${tool === 'edit' ? ' active' : ''}`}
          aria-pressed={tool === 'edit'}
          onClick={() => onTool(tool === 'edit' ? 'identify' : 'edit')}
          title={i18n.t('tool.editTitle')}
          data-testid="tool-edit"
        >
          <span className="tool-icon" aria-hidden="true">
            ✎
          </span>
          {i18n.t('tool.edit')}
        </button>
        <button
          className={`tool${validationOpen ? ' active' : ''}`}
          aria-pressed={validationOpen}
          onClick={onValidation}
          title={i18n.t('tool.validateTitle')}
          data-testid="tool-validate"
        >
          <span className="tool-icon" aria-hidden="true">
            ✓
          </span>
          {i18n.t('tool.validate')}
        </button>
        <button className="tool icon-only" onClick={onZoomProject} title={i18n.t('tool.zoomProjectTitle')} aria-label={i18n.t('tool.zoomProject')} data-testid="zoom-project">
          <span className="tool-icon" aria-hidden="true">
            ⤢
          </span>
        </button>
        <button className="tool" onClick={onScene3d} title={i18n.t('scene3d.openTitle')} data-testid="scene3d-open">
          <span className="tool-icon" aria-hidden="true">
            ⛫
          </span>
          {i18n.t('scene3d.open')}
        </button>
        <button className={`tool${floodOpen ? ' active' : ''}`} aria-pressed={floodOpen} onClick={onFlood} title={i18n.t('tool.floodTitle')} data-testid="tool-flood">
          <span className="tool-icon" aria-hidden="true">
            ≋
          </span>
          {i18n.t('tool.flood')}
        </button>
        <button className={`tool${syncOpen ? ' active' : ''}`} aria-pressed={syncOpen} onClick={onSync} title={i18n.t('sync.toolTitle')} data-testid="tool-sync">
          <span className="tool-icon" aria-hidden="true">
            ⇅
          </span>
          {i18n.t('sync.tool')}
        </button>
        <ToolMenu
          label={i18n.t('menu.file')}
          title={i18n.t('menu.fileTitle')}
          icon="▤"
          testId="menu-file"
          active={importOpen}
          items={[
            { id: 'tool-import', label: i18n.t('io.importButton'), title: i18n.t('io.importButtonTitle'), icon: '⤓', onSelect: onImport },
            { id: 'tool-export', label: i18n.t('io.exportButton'), title: i18n.t('io.exportButtonTitle'), icon: '⤒', onSelect: onExport },
            { id: 'tool-print', label: i18n.t('print.button'), title: i18n.t('print.buttonTitle'), icon: '⎙', onSelect: onPrint },
          ]}
        />
      </nav>
      <div className="top-right">
        <button className="lang" onClick={onLanguage} title={i18n.t('lang.switchTitle')} data-testid="lang-switch">
          {i18n.t('lang.switch')}
        </button>
        <button className="icon settings" onClick={onSettings} title={i18n.t('tool.settings')} aria-label={i18n.t('tool.settings')} data-testid="settings-button">
          ⚙
        </button>
      </div>
    </header>
  );
}
