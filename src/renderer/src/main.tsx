import './styles/app.css';
import { startApp } from './bootstrap/start-app';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
// The window owns the app for its whole life; closing it tears down sockets and timers.
startApp(window, container);
