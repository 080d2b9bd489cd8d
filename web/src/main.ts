// Entry point: one chat connection for the app, three pages, and a small router on the History API
// (the server answers /campaigns and /settings with index.html).
import './styles.css';
import { CampaignsPage } from './campaignsPage.ts';
import { ChatConnection, type ConnectionState } from './chatConnection.ts';
import { ChatPage } from './chatPage.ts';
import { SettingsPage } from './settingsPage.ts';

const conn = new ChatConnection();
const pages = {
  '/': new ChatPage(conn),
  '/campaigns': new CampaignsPage(),
  '/settings': new SettingsPage(conn),
};
type Route = keyof typeof pages;

const main = document.getElementById('main') as HTMLElement;
for (const page of Object.values(pages)) {
  page.el.hidden = true;
  main.append(page.el);
}

function route(): void {
  const path = (window.location.pathname.replace(/\/+$/, '') || '/') as Route;
  const current = pages[path] ?? pages['/'];
  for (const page of Object.values(pages)) page.el.hidden = page !== current;
  for (const link of document.querySelectorAll<HTMLAnchorElement>('nav a[data-nav]')) {
    if (link.pathname === (pages[path] ? path : '/')) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  if (current instanceof ChatPage) current.focus();
  else current.show();
}

document.addEventListener('click', (ev) => {
  const link = (ev.target as Element).closest<HTMLAnchorElement>('a[data-nav]');
  if (!link || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.button !== 0) return;
  ev.preventDefault();
  if (link.pathname !== window.location.pathname || window.location.search)
    history.pushState(null, '', link.pathname);
  route();
});
window.addEventListener('popstate', route);

const status = document.getElementById('connection-status') as HTMLElement;
conn.onState((state: ConnectionState) => {
  status.dataset.state = state.kind;
  if (state.kind === 'open') status.textContent = '';
  else if (state.kind === 'connecting') status.textContent = 'Connecting…';
  else status.textContent = `Connection lost. Reconnecting in ${Math.ceil(state.retryInMs / 1000)} s…`;
});

conn.connect();
route();
