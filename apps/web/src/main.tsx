import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { textOf } from './state/selectors.js';
import { studio } from './state/store.js';
import './styles.css';
import './styles-editor.css';
import './styles-panels.css';
import './styles-dialog.css';
import './styles-search.css';
import './styles-menu.css';

// The store, for end-to-end tests and benchmarks that check the model behind the UI.
(window as unknown as { __MEDIATE__: unknown }).__MEDIATE__ = { studio, textOf };

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
