// Entry point: asks the server who we are, then shows the app, or the sign-in page when the server
// requires a session (on loopback it answers 'local' and the app shows at once).
import './styles.css';
import './zodConfig.ts';
import { startApp } from './appShell.ts';
import { h } from './dom.ts';
import { fetchMe, type Me } from './session.ts';
import { SignInPage } from './signInPage.ts';
import { applyStoredTheme, themeToggle } from './themeToggle.ts';

applyStoredTheme();
document.querySelector('.topbar')?.append(themeToggle());

const main = document.getElementById('main') as HTMLElement;

function showSignIn(): void {
  const page = new SignInPage(() => void boot());
  main.replaceChildren(page.el);
  page.focus();
}

async function boot(): Promise<void> {
  let me: Me;
  try {
    me = await fetchMe();
  } catch (err) {
    main.replaceChildren(
      h(
        'p',
        { class: 'alert error', role: 'alert' },
        `Could not reach AdNavi (${(err as Error).message}). Reload the page to try again.`,
      ),
    );
    return;
  }
  if (me.signed_in) startApp(main, me);
  else showSignIn();
}

void boot();
