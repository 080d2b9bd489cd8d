// The signed-in app: one chat connection, three pages, and a small router on the History API (the
// server answers /campaigns and /settings with index.html). Started once the server says who we are.
import { ANSWER_PATH, AnswerPage } from './answerPage.ts';
import { CampaignsPage } from './campaignsPage.ts';
import { ChatConnection, type ConnectionState } from './chatConnection.ts';
import { ChatPage } from './chatPage.ts';
import { h } from './dom.ts';
import { fetchMe, type Me, signOut } from './session.ts';
import { SettingsPage } from './settingsPage.ts';

export function startApp(main: HTMLElement, me: Me): void {
  const conn = new ChatConnection();
  const chat = new ChatPage(conn);
  const pages = {
    '/': chat,
    '/campaigns': new CampaignsPage(),
    '/settings': new SettingsPage(conn, me),
  };
  type Route = keyof typeof pages;
  // a permalink's page: "Continue this conversation" reopens it in the chat
  const answerPage = new AnswerPage((id) => {
    chat.openConversation(id);
    history.pushState(null, '', '/');
    route();
  });
  const all = [...Object.values(pages), answerPage];

  main.replaceChildren();
  for (const page of all) {
    page.el.hidden = true;
    main.append(page.el);
  }

  function route(): void {
    const path = (window.location.pathname.replace(/\/+$/, '') || '/') as Route;
    const current = ANSWER_PATH.test(path) ? answerPage : (pages[path] ?? pages['/']);
    for (const page of all) page.el.hidden = page !== current;
    for (const link of document.querySelectorAll<HTMLAnchorElement>('nav a[data-nav]')) {
      if (link.pathname === (pages[path] ? path : '/')) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    if (current instanceof ChatPage) current.focus();
    else void current.show();
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

  showHeader(me);
  watchConnection(conn, me);
  conn.connect();
  route();
}

function showHeader(me: Me): void {
  (document.getElementById('main-nav') as HTMLElement).hidden = false;
  if (me.via !== 'session') return;
  const button = h(
    'button',
    {
      type: 'button',
      class: 'link sign-out',
      onclick: () => {
        button.disabled = true;
        signOut().catch(() => {
          button.disabled = false;
        });
      },
    },
    'Sign out',
  );
  document.querySelector('.topbar')?.append(button);
}

function watchConnection(conn: ChatConnection, me: Me): void {
  const status = document.getElementById('connection-status') as HTMLElement;
  conn.onState((state: ConnectionState) => {
    status.dataset.state = state.kind;
    if (state.kind === 'open') status.textContent = '';
    else if (state.kind === 'connecting') status.textContent = 'Connecting…';
    else status.textContent = `Connection lost. Reconnecting in ${Math.ceil(state.retryInMs / 1000)} s…`;
    // a session that ended (expired, signed out elsewhere) refuses the socket: back to sign-in
    if (state.kind === 'closed' && me.via === 'session') {
      fetchMe().then(
        (now) => {
          if (!now.signed_in) window.location.reload();
        },
        () => undefined, // the server is down; the socket keeps retrying
      );
    }
  });
}
