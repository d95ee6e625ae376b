/** Entry point: connect over whichever bridge hosts the page, then render. */
import './zod-setup';
import { createRoot } from 'react-dom/client';
import { connect } from './bridge/client';
import { App } from './app/App';
import './styles/base.css';
import './styles/layout.css';
import './styles/components.css';
import './styles/tables.css';
import './styles/forms.css';
import './styles/wallboard.css';
import './styles/stale.css';

const wallboard = new URLSearchParams(window.location.search).get('wallboard') === '1';
const client = connect();
const root = document.getElementById('root');
if (root) createRoot(root).render(<App client={client} wallboard={wallboard} />);
