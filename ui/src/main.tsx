import React from 'react';
import ReactDOM from 'react-dom/client';
import '@mantine/core/styles.css';
import './i18n';
import { App } from './App';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no element with the id "root" to render the app into');

ReactDOM.createRoot(root).render(
  <React.StrictMode>
    <App />
  </React.StrictMode>,
);
