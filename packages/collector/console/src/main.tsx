import { render } from 'preact';
import { App } from './components/app.tsx';
import './styles.css';

const root = document.getElementById('app');
if (!root) throw new Error('the console page has no #app element');
render(<App />, root);
