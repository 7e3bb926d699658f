/**
 * The desktop shell's main process: one window showing the renderer from plandesk://app, the
 * menu, the open-project dialog and recent projects, and the API bound to IPC. The core runs
 * in a Node process beside it (core-host.ts). Thin by design: everything a user sees also works
 * in `plandesk serve`.
 *
 * Run: electron dist/electron/main.js [PROJECT_FILE]   (what `plandesk start` does when Electron is installed)
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, safeStorage, session, shell, type SaveDialogOptions } from 'electron';
import { fileURLToPath } from 'node:url';
import { RENDERER_DIR } from '../gis-core/server/renderer-location.js';
import { IPC_MENU_CHANNEL, type MenuCommand } from '../gis-core/api/ipc.js';
import { registerAppScheme, serveAppScheme } from './app-protocol.js';
import { startCore, type CoreHost } from './core-host.js';
import { bindCredentialsToIpc, credentialsFile, CredentialStore } from './credentials.js';
import { bindFileDialogsToIpc, FileDialogs } from './file-dialogs.js';
import { bindApiToIpc } from './ipc-bind.js';
import { menuTemplate, type Language } from './menu.js';
import { APP_ENTRY, isAllowedRequest, isAppUrl, mainWindowOptions, permissionAllowed } from './security.js';
import { DEFAULT_STATE, loadState, saveState, stateFile, withRecent, type UserState } from './user-state.js';

const PRELOAD = fileURLToPath(new URL('./preload.cjs', import.meta.url));
const rendererDir = process.env.PLANDESK_RENDERER_DIR || RENDERER_DIR;

let state: UserState = DEFAULT_STATE;
let core: CoreHost | undefined;
let window: BrowserWindow | undefined;

const say = (line: string) => process.stderr.write(`plandesk: ${line}\n`);

/** The project file named on the command line (after the main script), if any. */
function fileFromArguments(argv: readonly string[]): string | undefined {
  const script = argv.findIndex((a) => a.endsWith('main.js'));
  return argv.slice(script + 1).find((a) => !a.startsWith('-'));
}

function remember(next: UserState): void {
  state = next;
  try {
    saveState(stateFile(app.getPath('userData')), state);
  } catch (error) {
    say(`cannot save recent projects: ${String(error)}`);
  }
  buildMenu();
}

function send(command: MenuCommand): void {
  window?.webContents.send(IPC_MENU_CHANNEL, command);
}

function buildMenu(): void {
  const template = menuTemplate(
    state.language,
    state.recent,
    {
      openProject: () => void chooseProject(),
      openRecent: (file) => void openProject(file),
      clearRecent: () => remember({ ...state, recent: [] }),
      setLanguage: (language: Language) => {
        remember({ ...state, language });
        send({ kind: 'language', language });
      },
      about: () =>
        void dialog.showMessageBox({
          type: 'info',
          title: 'PlanDesk',
          message: `PlanDesk ${app.getVersion()}`,
          detail:
            state.language === 'vi'
              ? 'GIS quy hoạch xây dựng ngoại tuyến (VN-2000, QCVN 01:2021/BXD).'
              : 'Offline construction-planning GIS (VN-2000, QCVN 01:2021/BXD).',
        }),
    },
    { devTools: !app.isPackaged },
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

async function chooseProject(): Promise<void> {
  const options = {
    title: state.language === 'vi' ? 'Mở dự án PlanDesk' : 'Open a PlanDesk project',
    properties: ['openFile' as const],
    filters: [
      { name: state.language === 'vi' ? 'Dự án PlanDesk' : 'PlanDesk projects', extensions: ['sqlite'] },
      { name: '*', extensions: ['*'] },
    ],
  };
  const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  const file = result.filePaths[0];
  if (!result.canceled && file) await openProject(file);
}

async function openProject(file: string): Promise<void> {
  const previous = core;
  core = undefined;
  previous?.stop();
  try {
    core = await startCore(file, { log: say });
    const project = await core.api.project();
    window?.setTitle(`${project.name} — PlanDesk`);
    remember(withRecent(state, file));
    await window?.loadURL(`${APP_ENTRY}?lang=${state.language}`);
  } catch (error) {
    dialog.showErrorBox(
      state.language === 'vi' ? 'Không mở được dự án' : 'Cannot open the project',
      `${file}\n\n${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(PRELOAD));
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    window = undefined;
  });
  return win;
}

/** No other origin, no new windows, no webviews, no permissions, no remote requests. */
function lockDown(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, permission, callback) => callback(permissionAllowed(permission)));
  ses.setPermissionCheckHandler((_contents, permission) => permissionAllowed(permission));
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequest(details.url) }));
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}

registerAppScheme();
app.enableSandbox();
// Tests (and portable installs) keep their state elsewhere.
if (process.env.PLANDESK_USER_DATA) app.setPath('userData', process.env.PLANDESK_USER_DATA);

void app.whenReady().then(async () => {
  lockDown();
  serveAppScheme(rendererDir);
  bindApiToIpc(
    ipcMain,
    () => core?.api,
    (event) => isAppUrl(event.senderFrame?.url ?? ''),
  );
  // SDI secrets: encrypted in the user data folder, never in the project (sync panel).
  bindCredentialsToIpc(ipcMain, new CredentialStore(credentialsFile(app.getPath('userData')), safeStorage), (event) =>
    isAppUrl(event.senderFrame?.url ?? ''),
  );
  // Export and print save where the user says (the job's `out`); no uploads or downloads here.
  const saveDialog = {
    showSaveDialog: (options: SaveDialogOptions) => (window ? dialog.showSaveDialog(window, options) : dialog.showSaveDialog(options)),
  };
  bindFileDialogsToIpc(ipcMain, new FileDialogs(saveDialog, shell, app.getPath('documents')), (event) => isAppUrl(event.senderFrame?.url ?? ''));
  state = loadState(stateFile(app.getPath('userData')));
  buildMenu();
  window = createWindow();
  const file = fileFromArguments(process.argv) ?? state.recent[0];
  if (file) await openProject(file);
  else {
    await window.loadURL(`${APP_ENTRY}?lang=${state.language}`);
    await chooseProject();
  }
});

app.on('window-all-closed', () => app.quit());
app.on('will-quit', () => core?.stop());
