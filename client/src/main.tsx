import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './styles.css';
import { App } from './App.tsx';
import { useLocale } from './i18n/i18n.ts';

document.documentElement.lang = useLocale.getState().locale;
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no element with id root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
