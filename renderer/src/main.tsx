import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { installDevBridgeIfRequested } from './dev-bridge-client';

installDevBridgeIfRequested(window);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App api={window.roletray} />
  </StrictMode>,
);
