/**
 * The application menu in Vietnamese (default) or English, as a template built from plain data
 * so that it can be tested without Electron. The actions are the main process's.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { basename } from 'node:path';

export type Language = 'vi' | 'en';

export interface MenuActions {
  openProject(): void;
  openRecent(file: string): void;
  clearRecent(): void;
  setLanguage(language: Language): void;
  about(): void;
}

const TEXT = {
  file: { vi: 'Tệp', en: 'File' },
  open: { vi: 'Mở dự án…', en: 'Open project…' },
  recent: { vi: 'Mở gần đây', en: 'Open recent' },
  noRecent: { vi: '(chưa có)', en: '(none)' },
  clearRecent: { vi: 'Xóa danh sách', en: 'Clear list' },
  quit: { vi: 'Thoát', en: 'Quit' },
  edit: { vi: 'Sửa', en: 'Edit' },
  copy: { vi: 'Sao chép', en: 'Copy' },
  paste: { vi: 'Dán', en: 'Paste' },
  selectAll: { vi: 'Chọn tất cả', en: 'Select all' },
  view: { vi: 'Xem', en: 'View' },
  reload: { vi: 'Tải lại', en: 'Reload' },
  zoomIn: { vi: 'Phóng to giao diện', en: 'Zoom in' },
  zoomOut: { vi: 'Thu nhỏ giao diện', en: 'Zoom out' },
  resetZoom: { vi: 'Cỡ thật', en: 'Actual size' },
  fullScreen: { vi: 'Toàn màn hình', en: 'Full screen' },
  devTools: { vi: 'Công cụ phát triển', en: 'Developer tools' },
  language: { vi: 'Ngôn ngữ', en: 'Language' },
  help: { vi: 'Trợ giúp', en: 'Help' },
  about: { vi: 'Giới thiệu PlanDesk', en: 'About PlanDesk' },
} as const;

export function menuTemplate(
  language: Language,
  recent: readonly string[],
  actions: MenuActions,
  options: { readonly devTools?: boolean } = {},
): MenuItemConstructorOptions[] {
  const t = (key: keyof typeof TEXT) => TEXT[key][language];
  const recentItems: MenuItemConstructorOptions[] = recent.length
    ? [
        ...recent.map((file, i) => ({
          label: `${i + 1}. ${basename(file)}`,
          toolTip: file,
          click: () => actions.openRecent(file),
        })),
        { type: 'separator' as const },
        { label: t('clearRecent'), click: () => actions.clearRecent() },
      ]
    : [{ label: t('noRecent'), enabled: false }];
  return [
    {
      label: t('file'),
      submenu: [
        { label: t('open'), accelerator: 'CmdOrCtrl+O', click: () => actions.openProject() },
        { label: t('recent'), submenu: recentItems },
        { type: 'separator' },
        { label: t('quit'), role: 'quit' },
      ],
    },
    {
      label: t('edit'),
      submenu: [
        { label: t('copy'), role: 'copy' },
        { label: t('paste'), role: 'paste' },
        { label: t('selectAll'), role: 'selectAll' },
      ],
    },
    {
      label: t('view'),
      submenu: [
        { label: t('reload'), role: 'reload' },
        { label: t('zoomIn'), role: 'zoomIn' },
        { label: t('zoomOut'), role: 'zoomOut' },
        { label: t('resetZoom'), role: 'resetZoom' },
        { type: 'separator' },
        { label: t('fullScreen'), role: 'togglefullscreen' },
        ...(options.devTools ? [{ label: t('devTools'), role: 'toggleDevTools' as const }] : []),
      ],
    },
    {
      label: t('language'),
      submenu: [
        { label: 'Tiếng Việt', type: 'radio', checked: language === 'vi', click: () => actions.setLanguage('vi') },
        { label: 'English', type: 'radio', checked: language === 'en', click: () => actions.setLanguage('en') },
      ],
    },
    { label: t('help'), submenu: [{ label: t('about'), click: () => actions.about() }] },
  ];
}
