import 'ol/ol.css';
import './kiosk.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApiClient } from '../api/client.js';
import { idleSecondsFromUrl } from './idle.js';
import { KioskApp } from './KioskApp.js';
import { lockDown } from './lockdown.js';

lockDown();
const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from kiosk.html');
createRoot(root).render(
  <StrictMode>
    <KioskApp api={createApiClient().api} idleSeconds={idleSecondsFromUrl()} />
  </StrictMode>,
);
